Dear ${customer.name},
your balance is ${customer.balance}
