{{%AUTOESCAPE context="HTML"}}
<section class="welcome" aria-labelledby="welcome-heading">
<h1 id="welcome-heading">{{HEADING}}</h1>
<p class="lead">{{INTRO}}</p>
<p><a class="button" href="{{PRODUCTS_URL}}">{{BROWSE_LABEL}}</a></p>
</section>
