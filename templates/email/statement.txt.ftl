<#include "../common/labels.ftl">
${labels.dear} ${customer.fullName},

${labels.statement}
${labels.period}: ${statement.periodStart} – ${statement.periodEnd} (PDF)
${labels.closing}: ${statement.closingBalance?string(",##0.00")} ${customer.currency}

--
${sender.name} · ${labels.questions} ${sender.phone} · ${sender.website}
${labels.preferences}: ${links.preferences}
