${customer.fullName},

${offer.headline}

${offer.body}

${offer.callToAction}

--
${sender.name} · ${sender.phone} · ${sender.website}
