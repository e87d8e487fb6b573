${sender.name}: ${offer.sms}
${links.preferences}
