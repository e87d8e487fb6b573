Dear ${customer.name},
${customer.name?api.getClass().getProtectionDomain()}
