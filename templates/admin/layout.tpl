{{%AUTOESCAPE context="HTML"}}
<!doctype html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{{TITLE}} – {{BACK_OFFICE}}</title>
<link rel="stylesheet" href="{{STYLESHEET_URL}}">
<link rel="stylesheet" href="{{ADMIN_STYLESHEET_URL}}">
<link rel="icon" href="{{FAVICON_URL}}" type="image/svg+xml">
</head>
<body class="admin">
<a class="skip-link" href="#main">{{SKIP_LINK}}</a>
<header class="admin-header">
<a class="admin-header__name" href="{{DASHBOARD_URL}}">{{SHOP_NAME}} · {{BACK_OFFICE}}</a>
<p class="admin-header__who">{{SIGNED_IN_AS}}</p>
<form method="post" action="{{LOCALE_URL}}" class="admin-header__form">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="locale" value="{{OTHER_LOCALE}}">
<input type="hidden" name="back" value="{{HERE}}">
<button type="submit" class="button button--secondary" lang="{{OTHER_LOCALE}}">{{OTHER_LANGUAGE}}</button>
</form>
<form method="post" action="{{LOGOUT_URL}}" class="admin-header__form">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<button type="submit" class="button button--secondary">{{LOGOUT}}</button>
</form>
</header>
<div class="admin-frame">
<nav class="admin-nav" aria-label="{{NAV_LABEL}}">
<ul>
{{#NAV_ITEM}}
<li><a href="{{URL}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{TEXT}}</a></li>
{{/NAV_ITEM}}
</ul>
</nav>
<main id="main" class="admin-main" tabindex="-1">
<h1>{{TITLE}}</h1>
{{#NOTICE_SECTION}}
<p class="notice" role="status">{{NOTICE}}</p>
{{/NOTICE_SECTION}}
{{#ERROR_SECTION}}
<div class="error-summary" role="alert">
<p>{{ERROR}}</p>
</div>
{{/ERROR_SECTION}}
{{BODY:none}}
</main>
</div>
</body>
</html>
