${msg("salutation", customer)}

${offer.headline}

${offer.body}

${offer.callToAction}
${msg("link.interested")}: ${links.interest}

--
${sender.name} · ${sender.phone} · ${sender.website}
${msg("link.preferences")}: ${links.preferences}
