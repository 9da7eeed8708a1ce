{{GREETING}}

{{BODY}}

{{LINK}}

{{EXPIRES}}
{{IGNORE}}

-- 
{{SHOP_NAME}}
