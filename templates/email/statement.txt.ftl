${msg("salutation", customer)}

${msg("statement.title")}
${msg("statement.period")}: ${statement.periodStart} – ${statement.periodEnd} (PDF)
${msg("statement.number")}: ${statement.number}
${msg("statement.closing")}: ${statement.closingBalance?string(",##0.00")} ${customer.currency}

--
${sender.name} · ${msg("letter.questions")} ${sender.phone} · ${sender.website}
${msg("link.preferences")}: ${links.preferences}
