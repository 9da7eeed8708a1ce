{{GREETING}}

{{BODY}}

{{RMA_LABEL}} {{RMA}}
{{ORDER_LABEL}} {{ORDER}}

{{LINES_LABEL}}
{{#LINE}}- {{NAME}} × {{QUANTITY}}
{{/LINE}}{{#AMOUNT}}
{{LABEL}} {{VALUE}}
{{/AMOUNT}}{{#NOTE}}
{{LABEL}} {{TEXT}}
{{/NOTE}}
{{BUTTON}}
{{LINK}}

-- 
{{SHOP_NAME}}
