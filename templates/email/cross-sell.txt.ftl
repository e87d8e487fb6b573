<#include "../common/labels.ftl">
${customer.fullName},

${offer.headline}

${offer.body}

${offer.callToAction}
${labels.interested}: ${links.interest}

--
${sender.name} · ${sender.phone} · ${sender.website}
${labels.preferences}: ${links.preferences}
