{{%AUTOESCAPE context="HTML"}}
<h2>Publisher</h2>
<p>The site {{SITE_URL}} (the {{SHOP_NAME}} shop) is published by {{LEGAL_NAME}}{{#HAS_LEGAL_FORM}}, {{LEGAL_FORM}}{{/HAS_LEGAL_FORM}}.</p>
<ul>
{{#HAS_ADDRESS}}<li>Address: {{#ADDRESS}}{{LINE}}{{#ADDRESS_separator}}, {{/ADDRESS_separator}}{{/ADDRESS}}</li>{{/HAS_ADDRESS}}
{{#HAS_EMAIL}}<li>Email: <a href="mailto:{{CONTACT_EMAIL}}">{{CONTACT_EMAIL}}</a></li>{{/HAS_EMAIL}}
{{#HAS_PHONE}}<li>Phone: {{PHONE}}</li>{{/HAS_PHONE}}
</ul>

<h2>Registrations</h2>
{{#HAS_REGISTRATIONS}}
<ul>
{{#HAS_NEQ}}<li>Québec enterprise number (NEQ): {{NEQ}}</li>{{/HAS_NEQ}}
{{#HAS_RCS}}<li>Registered with the trade and companies register (RCS) of {{RCS_CITY}} under number {{SIREN}}</li>{{/HAS_RCS}}
{{#SIREN_ONLY}}<li>SIREN: {{SIREN}}</li>{{/SIREN_ONLY}}
{{#HAS_SIRET}}<li>SIRET: {{SIRET}}</li>{{/HAS_SIRET}}
{{#HAS_GST}}<li>GST/HST number: {{GST_NUMBER}}</li>{{/HAS_GST}}
{{#HAS_QST}}<li>QST number: {{QST_NUMBER}}</li>{{/HAS_QST}}
{{#HAS_VAT}}<li>EU VAT number: {{VAT_NUMBER}}</li>{{/HAS_VAT}}
</ul>
{{/HAS_REGISTRATIONS}}
{{#NO_REGISTRATIONS}}
<p>No registration number is published yet.{{#HAS_EMAIL}} You may ask for it by email at <a href="mailto:{{CONTACT_EMAIL}}">{{CONTACT_EMAIL}}</a>.{{/HAS_EMAIL}}</p>
{{/NO_REGISTRATIONS}}

<h2>Director of publication</h2>
{{#DIRECTOR_NAMED}}
<p>The director of publication is {{DIRECTOR}}.</p>
{{/DIRECTOR_NAMED}}
{{#DIRECTOR_DEFAULT}}
<p>The director of publication is the legal representative of {{LEGAL_NAME}}.</p>
{{/DIRECTOR_DEFAULT}}

<h2>Hosting</h2>
{{#HOST_NAMED}}
<p>The site is hosted by {{HOST_NAME}}{{#HAS_HOST_ADDRESS}}, {{#HOST_ADDRESS}}{{LINE}}{{#HOST_ADDRESS_separator}}, {{/HOST_ADDRESS_separator}}{{/HOST_ADDRESS}}{{/HAS_HOST_ADDRESS}}.</p>
{{/HOST_NAMED}}
{{#HOST_UNNAMED}}
<p>The name and address of the site’s host have not been published yet.{{#HAS_EMAIL}} You may get them by email at <a href="mailto:{{CONTACT_EMAIL}}">{{CONTACT_EMAIL}}</a>.{{/HAS_EMAIL}}</p>
{{/HOST_UNNAMED}}

<h2>Intellectual property</h2>
<p>The texts, photographs, logos and other content of the site belong to {{LEGAL_NAME}} or its partners. Any reproduction without written permission is forbidden, except within the limits the law allows.</p>

<h2>Personal information and cookies</h2>
<p>The <a href="{{PRIVACY_URL}}">privacy policy</a> describes how your personal information is handled and the <a href="{{COOKIES_URL}}">cookie policy</a> the cookies the site uses. Sales are governed by the <a href="{{TERMS_URL}}">terms of sale</a>.</p>
