Dear ${customer.name},
${customer.name?eval}
