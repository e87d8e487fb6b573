${offer.headline}
