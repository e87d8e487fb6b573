${sender.name}: ${offer.sms}
