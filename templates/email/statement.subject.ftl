${sender.name}: ${msg("statement.title")} ${statement.periodEnd}
