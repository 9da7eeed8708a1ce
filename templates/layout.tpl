{{%AUTOESCAPE context="HTML"}}
<!doctype html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}}</title>
<meta name="description" content="{{DESCRIPTION}}">
{{HEAD_TAGS:none}}
<link rel="stylesheet" href="{{STYLESHEET_URL}}">
<link rel="icon" href="{{FAVICON_URL}}" type="image/svg+xml">
{{#ANALYTICS}}
<script src="{{CONSENT_SCRIPT}}" defer data-analytics="{{PROVIDER}}" data-site="{{SITE}}" data-service-script="{{SERVICE_SCRIPT}}"></script>
{{/ANALYTICS}}
</head>
<body data-page="{{PAGE_TYPE}}">
<a class="skip-link" href="#main">{{SKIP_LINK}}</a>
<header class="site-header">
<div class="container site-header__inner">
<a class="site-name" href="{{HOME_URL}}">{{SHOP_NAME}}</a>
<nav class="site-nav" aria-label="{{MAIN_NAV_LABEL}}">
<a href="{{PRODUCTS_URL}}">{{PRODUCTS_LABEL}}</a>
<a href="{{ACCOUNT_URL}}">{{ACCOUNT_LABEL}}</a>
<a href="{{CART_URL}}" class="site-nav__cart">{{CART_LABEL}}<span class="cart-count" data-cart-count data-label-one="{{CART_COUNT_ONE}}" data-label-other="{{CART_COUNT_OTHER}}" hidden></span></a>
</nav>
<nav class="locale-switcher" aria-label="{{LANGUAGE_NAV_LABEL}}">
<a href="{{ALTERNATE_URL}}" hreflang="{{ALTERNATE_LANG}}" lang="{{ALTERNATE_LANG}}">{{ALTERNATE_NAME}}</a>
</nav>
<form class="site-search" role="search" action="{{PRODUCTS_URL}}" method="get">
<label for="site-search-q" class="visually-hidden">{{SEARCH_LABEL}}</label>
<input id="site-search-q" type="search" name="q" autocomplete="off" placeholder="{{SEARCH_LABEL}}">
<button type="submit">{{SEARCH_BUTTON}}</button>
</form>
</div>
</header>
<main id="main" class="container" tabindex="-1">
{{BODY:none}}
</main>
<footer class="site-footer">
<div class="container">
{{#FOOTER_NAV}}
<nav class="site-footer__legal" aria-label="{{FOOTER_NAV_LABEL}}">
<ul>
{{#FOOTER_LINK}}
<li><a href="{{URL}}">{{TEXT}}</a></li>
{{/FOOTER_LINK}}
</ul>
</nav>
{{/FOOTER_NAV}}
<p>{{FOOTER_TEXT}}</p>
{{#ANALYTICS}}
<p><a class="site-footer__consent" href="{{PREFERENCES_URL}}">{{FOOTER_LINK}}</a></p>
{{/ANALYTICS}}
</div>
</footer>
{{#ANALYTICS}}
<section class="consent-banner" id="consent-banner" aria-labelledby="consent-banner-title" data-consent-banner hidden>
<div class="container consent-banner__inner">
<h2 class="consent-banner__title" id="consent-banner-title">{{BANNER_TITLE}}</h2>
<p class="consent-banner__text">{{BANNER_TEXT}} <a href="{{PREFERENCES_URL}}">{{BANNER_MORE}}</a></p>
<div class="consent-banner__actions">
<button class="button consent-banner__choice" type="button" data-consent-choice="granted">{{BANNER_ACCEPT}}</button>
<button class="button consent-banner__choice" type="button" data-consent-choice="denied">{{BANNER_REFUSE}}</button>
</div>
</div>
</section>
{{/ANALYTICS}}
<script src="{{VITALS_SCRIPT_URL}}" defer></script>
<script src="{{SITE_SCRIPT_URL}}" defer></script>
</body>
</html>
