{{%AUTOESCAPE context="HTML"}}
<article class="legal" aria-labelledby="page-heading">
<h1 id="page-heading">{{TITLE}}</h1>
<p class="legal__version">{{VERSION}}</p>
{{TEXT:none}}
{{>ADDENDUM}}
</article>
