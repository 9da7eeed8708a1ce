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
<p>{{RMA_LABEL}} <strong>{{RMA}}</strong><br>{{ORDER_LABEL}} {{ORDER}}</p>
<table style="border-collapse: collapse; min-width: 320px;">
<caption style="text-align: left; font-weight: bold; padding: 4px 0;">{{LINES_LABEL}}</caption>
{{#LINE}}
<tr><td style="padding: 4px 8px 4px 0;">{{NAME}}</td><td style="padding: 4px 0;">× {{QUANTITY}}</td></tr>
{{/LINE}}
</table>
{{#AMOUNT}}
<p>{{LABEL}} <strong>{{VALUE}}</strong></p>
{{/AMOUNT}}
{{#NOTE}}
<p><strong>{{LABEL}}</strong> {{TEXT}}</p>
{{/NOTE}}
<p><a href="{{LINK}}" style="display: inline-block; padding: 10px 20px; background: #0b4f8a; color: #ffffff; text-decoration: none; border-radius: 6px;">{{BUTTON}}</a></p>
<p style="font-size: 14px; color: #4b5563;">{{SHOP_NAME}}</p>
</body>
</html>
