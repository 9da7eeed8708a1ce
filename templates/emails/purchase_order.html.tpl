{{%AUTOESCAPE context="HTML"}}
<!doctype html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<title>{{SUBJECT}}</title>
</head>
<body style="font-family: system-ui, sans-serif; color: #1f2328; line-height: 1.5;">
<p>{{GREETING}}</p>
<p>{{BODY}}</p>
<p>{{NUMBER_LABEL}} <strong>{{NUMBER}}</strong><br>{{LABEL_LABEL}} {{LABEL}}</p>
<table style="border-collapse: collapse; min-width: 320px;">
<caption style="text-align: left; font-weight: bold; padding: 4px 0;">{{LINES_LABEL}}</caption>
<tr><th scope="col" style="text-align: left; padding: 4px 8px 4px 0;">{{SKU_LABEL}}</th><th scope="col" style="text-align: left; padding: 4px 8px 4px 0;"></th><th scope="col" style="text-align: right; padding: 4px 0;">{{QUANTITY_LABEL}}</th></tr>
{{#LINE}}
<tr><td style="padding: 4px 8px 4px 0;">{{SKU}}</td><td style="padding: 4px 8px 4px 0;">{{TITLE}}</td><td style="padding: 4px 0; text-align: right;">{{QUANTITY}}</td></tr>
{{/LINE}}
</table>
<p><strong>{{SHIP_TO_LABEL}}</strong><br>
{{#SHIP_TO}}{{LINE}}<br>
{{/SHIP_TO}}</p>
<p>{{NEXT}}</p>
<p style="font-size: 14px; color: #4b5563;">{{SHOP_NAME}}</p>
</body>
</html>
