{{%AUTOESCAPE context="HTML"}}
<ul class="product-grid">
{{#CARD}}
<li class="product-card" data-analytics-card data-item-id="{{ITEM_ID}}" data-item-name="{{NAME}}" data-item-price="{{ITEM_PRICE}}" data-currency="{{ITEM_CURRENCY}}">
<h3 class="product-card__name"><a class="product-card__link" href="{{URL}}">{{NAME}}</a></h3>
{{#NO_IMAGE}}
<span class="product-card__image product-card__image--none"></span>
{{/NO_IMAGE}}
{{#IMAGE}}
<img class="product-card__image" src="{{SRC}}"{{#SRCSET_SECTION}} srcset="{{SRCSET}}" sizes="{{SIZES}}"{{/SRCSET_SECTION}} width="{{WIDTH}}" height="{{HEIGHT}}" alt="{{ALT}}" loading="{{LOADING}}" decoding="async">
{{/IMAGE}}
{{#HIGHLIGHT_SECTION}}
<p class="product-card__highlight">{{HIGHLIGHT:none}}</p>
{{/HIGHLIGHT_SECTION}}
{{>PRICE}}
<p class="stock stock--{{STOCK_STATE}}">{{STOCK}}</p>
</li>
{{/CARD}}
</ul>
