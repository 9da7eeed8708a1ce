{{%AUTOESCAPE context="HTML"}}
<section class="account-page" aria-labelledby="page-heading">
<h1 id="page-heading">{{TITLE}}</h1>
{{>MESSAGES}}
{{>PREFERENCES}}
</section>
