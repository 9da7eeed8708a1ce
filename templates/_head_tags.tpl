{{%AUTOESCAPE context="HTML"}}
{{#ROBOTS_SECTION}}
<meta name="robots" content="{{ROBOTS}}">
{{/ROBOTS_SECTION}}
{{#CANONICAL_SECTION}}
<link rel="canonical" href="{{CANONICAL_URL}}">
{{/CANONICAL_SECTION}}
{{#ALTERNATE_LINK}}
<link rel="alternate" hreflang="{{HREFLANG}}" href="{{HREF}}">
{{/ALTERNATE_LINK}}
{{#META_TAG}}
<meta name="{{META_NAME}}" content="{{META_CONTENT}}">
{{/META_TAG}}
{{#OPEN_GRAPH}}
<meta property="og:type" content="{{OG_TYPE}}">
<meta property="og:title" content="{{OG_TITLE}}">
<meta property="og:description" content="{{OG_DESCRIPTION}}">
<meta property="og:url" content="{{OG_URL}}">
<meta property="og:site_name" content="{{OG_SITE_NAME}}">
<meta property="og:locale" content="{{OG_LOCALE}}">
{{#OG_LOCALE_ALTERNATE}}
<meta property="og:locale:alternate" content="{{LOCALE}}">
{{/OG_LOCALE_ALTERNATE}}
{{#OG_IMAGE_SECTION}}
<meta property="og:image" content="{{OG_IMAGE}}">
{{/OG_IMAGE_SECTION}}
{{/OPEN_GRAPH}}
{{#JSON_LD_SECTION}}
<script type="application/ld+json">{{JSON_LD:none}}</script>
{{/JSON_LD_SECTION}}
