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
<p>{{NUMBER_LABEL}} <strong>{{NUMBER}}</strong></p>
<table style="border-collapse: collapse; min-width: 320px;">
<caption style="text-align: left; font-weight: bold; padding: 4px 0;">{{LINES_LABEL}}</caption>
{{#LINE}}
<tr><td style="padding: 4px 8px 4px 0;">{{NAME}}</td><td style="padding: 4px 8px;">× {{QUANTITY}}</td><td style="padding: 4px 0; text-align: right;">{{AMOUNT}}</td></tr>
{{/LINE}}
</table>
<table style="border-collapse: collapse; min-width: 320px; margin-top: 12px;">
<caption style="text-align: left; font-weight: bold; padding: 4px 0;">{{TOTALS_LABEL}}</caption>
{{#TOTAL}}
<tr><th scope="row" style="text-align: left; font-weight: normal; padding: 2px 8px 2px 0;">{{LABEL}}</th><td style="padding: 2px 0; text-align: right;">{{AMOUNT}}</td></tr>
{{/TOTAL}}
</table>
{{#ADDRESS}}
<p><strong>{{LABEL}}</strong><br>{{#ADDRESS_LINE}}{{TEXT}}<br>{{/ADDRESS_LINE}}</p>
{{/ADDRESS}}
{{#PARCEL}}
<p>{{LABEL}} {{TEXT}}</p>
{{/PARCEL}}
{{#TRACKING}}
<p>{{LABEL}} <a href="{{URL}}">{{URL}}</a></p>
{{/TRACKING}}
<p><a href="{{LINK}}" style="display: inline-block; padding: 10px 20px; background: #0b4f8a; color: #ffffff; text-decoration: none; border-radius: 6px;">{{BUTTON}}</a></p>
<p style="font-size: 14px; color: #4b5563;">{{SHOP_NAME}}</p>
</body>
</html>
