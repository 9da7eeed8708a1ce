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
<p><a href="{{LINK}}" style="display: inline-block; padding: 10px 20px; background: #0b4f8a; color: #ffffff; text-decoration: none; border-radius: 6px;">{{BUTTON}}</a></p>
<p style="font-size: 14px; color: #4b5563;">{{EXPIRES}}<br>{{IGNORE}}</p>
<p style="font-size: 14px; color: #4b5563;">{{SHOP_NAME}}</p>
</body>
</html>
