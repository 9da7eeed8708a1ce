{{%AUTOESCAPE context="HTML"}}
<p>A cookie is a small file a site stores in your browser to recognize it from one page to the next. This policy describes the cookies the {{SHOP_NAME}} shop uses, why, how long they last and how to change your choice.</p>

<h2>1. Categories of cookies</h2>
<h3>Necessary</h3>
<p>These cookies are essential for the site to work: without them, you could not keep a cart, sign in or send a form safely. They serve no other purpose and do not require your consent. They cannot be turned off from the site, but you can delete them in your browser (see below).</p>
<h3>Analytics</h3>
{{#ANALYTICS_NONE}}
<p>The shop does not measure its audience: it sets no cookie of this category and loads no statistics service.</p>
{{/ANALYTICS_NONE}}
{{#ANALYTICS_GA4}}
<p>These cookies help us understand how pages are visited and which purchases are made, so we can improve the shop; we use Google Analytics. They are set <strong>only after you consent</strong>: until you accept them, none is stored and the service is not loaded. Refusing them changes nothing in how you can use the site. They are never used for targeted advertising.</p>
{{/ANALYTICS_GA4}}
{{#ANALYTICS_PLAUSIBLE}}
<p>The shop counts its visits and purchases with Plausible, an audience-measurement service that sets no cookie and keeps neither your IP address nor any identifier: the statistics are anonymous and aggregated. You may choose not to be counted.</p>
{{/ANALYTICS_PLAUSIBLE}}

<h2>2. The cookies the site sets</h2>
<div class="legal__table-wrap">
<table>
<caption class="visually-hidden">Cookies set by the site</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Category</th><th scope="col">What it is for</th><th scope="col">Lifetime</th></tr></thead>
<tbody>
<tr><td><code>__Host-comptoir_session</code></td><td>Necessary</td><td>Identifies your session: it keeps your cart, keeps you signed in and protects forms against cross-site request forgery (each form’s protection token is derived from it). It is only set when you use the cart, the checkout{{#ANALYTICS_CHOICE}}, the audience-measurement choice{{/ANALYTICS_CHOICE}} or your account’s pages.</td><td>30 days at most; it stops working after 7 days without a visit. For the shop’s staff: 12 hours, and 30 minutes without activity.</td></tr>
<tr><td><code>comptoir_cart_count</code></td><td>Necessary</td><td>The number of items in your cart, to show it at the top of every page; it holds nothing else.</td><td>30 days; deleted as soon as the cart is empty.</td></tr>
{{#ANALYTICS_CHOICE}}
<tr><td><code>comptoir_consent</code></td><td>Necessary</td><td>Remembers your audience-measurement choice, so you are not asked again on every page.</td><td>6 months.</td></tr>
{{/ANALYTICS_CHOICE}}
{{#ANALYTICS_GA4}}
<tr><td><code>_ga</code>, <code>_ga_*</code></td><td>Analytics</td><td>Set by Google Analytics, only after your consent: they tell visitors apart from one visit to the next, without identifying you.</td><td>13 months.</td></tr>
{{/ANALYTICS_GA4}}
</tbody>
</table>
</div>
<p>The session cookie can only be read by our site, only travels over an encrypted connection and cannot be read by the page’s scripts. The language you choose is part of the pages’ address (<code>/fr/</code> or <code>/en/</code>): no cookie remembers it.</p>
{{#CARD_PAYMENTS}}
<p>When you pay, you leave the shop for Stripe’s payment page, which sets its own cookies, needed for the security of the payment and fraud prevention; Stripe’s policy describes them.</p>
{{/CARD_PAYMENTS}}

<h2>3. Changing your choice or withdrawing your consent</h2>
{{#ANALYTICS_CHOICE}}
<p>You can change your mind at any time, as easily as you made your choice: below, or through the “Cookie preferences” link at the bottom of every page.</p>
{{/ANALYTICS_CHOICE}}
{{#ANALYTICS_GA4}}
<p>If you withdraw your consent, analytics cookies are no longer set and those already set are deleted.</p>
{{/ANALYTICS_GA4}}
{{#ANALYTICS_NONE}}
<p>The shop only sets necessary cookies: there is no choice for you to make. Should it ever measure its audience, it will ask you first, and you will be able to change your mind at any time from this page.</p>
{{/ANALYTICS_NONE}}
<p>You can also delete or block cookies in your browser’s settings. If you delete the session cookie, your cart is emptied and you are signed out; if you block it, you will not be able to place an order.</p>

<h2>4. To learn more</h2>
<p>Our <a href="{{PRIVACY_URL}}">privacy policy</a> explains how we handle your personal information and how to exercise your rights.{{#HAS_PRIVACY_EMAIL}} For any question, write to <a href="mailto:{{PRIVACY_EMAIL}}">{{PRIVACY_EMAIL}}</a>.{{/HAS_PRIVACY_EMAIL}}</p>
