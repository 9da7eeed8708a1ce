{{%AUTOESCAPE context="HTML"}}
<!doctype html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}}</title>
<meta name="description" content="{{DESCRIPTION}}">
<link rel="stylesheet" href="{{STYLESHEET_URL}}">
<link rel="icon" href="{{FAVICON_URL}}" type="image/svg+xml">
</head>
<body>
<a class="skip-link" href="#main">{{SKIP_LINK}}</a>
<header class="site-header">
<div class="container site-header__inner">
<a class="site-name" href="{{HOME_URL}}">{{SHOP_NAME}}</a>
<nav class="locale-switcher" aria-label="{{LANGUAGE_NAV_LABEL}}">
<a href="{{ALTERNATE_URL}}" hreflang="{{ALTERNATE_LANG}}" lang="{{ALTERNATE_LANG}}">{{ALTERNATE_NAME}}</a>
</nav>
</div>
</header>
<main id="main" class="container" tabindex="-1">
{{BODY:none}}
</main>
<footer class="site-footer">
<div class="container">
<p>{{FOOTER_TEXT}}</p>
</div>
</footer>
</body>
</html>
