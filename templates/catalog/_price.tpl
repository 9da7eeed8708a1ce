{{%AUTOESCAPE context="HTML"}}
<p class="price">{{#ON_SALE}}<span class="visually-hidden">{{NOW_LABEL}}</span> {{/ON_SALE}}<span class="price__current">{{#FROM}}{{FROM_LABEL}} {{/FROM}}{{PRICE}}</span>{{#ON_SALE}} <s class="price__was"><span class="visually-hidden">{{WAS_LABEL}}</span> {{WAS}}</s>{{/ON_SALE}}</p>
