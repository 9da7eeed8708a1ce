{{%AUTOESCAPE context="HTML"}}
<section class="welcome" aria-labelledby="welcome-heading">
<h1 id="welcome-heading">{{HEADING}}</h1>
<p class="lead">{{INTRO}}</p>
<p><a class="button" href="{{PRODUCTS_URL}}">{{BROWSE_LABEL}}</a></p>
</section>
{{#CATEGORIES}}
<section class="home-section" aria-labelledby="categories-heading">
<h2 id="categories-heading">{{HEADING}}</h2>
<ul class="category-grid">
{{#CATEGORY}}
<li class="category-card">
<a class="category-card__link" href="{{URL}}">{{NAME}}</a>
{{#DESCRIPTION_SECTION}}
<p>{{DESCRIPTION}}</p>
{{/DESCRIPTION_SECTION}}
</li>
{{/CATEGORY}}
</ul>
</section>
{{/CATEGORIES}}
{{#FEATURED}}
<section class="home-section" aria-labelledby="featured-heading">
<h2 id="featured-heading">{{HEADING}}</h2>
{{>GRID}}
</section>
{{/FEATURED}}
