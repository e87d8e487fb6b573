<#include "../common/labels.ftl">
${sender.name}: ${labels.statement} ${statement.periodEnd}
