Dear ${customer.name},
<#include "/etc/passwd">
