Dear ${customer.name},
<#assign inner = customer.name?interpret><@inner/>
