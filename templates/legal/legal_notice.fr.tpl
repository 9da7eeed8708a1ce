{{%AUTOESCAPE context="HTML"}}
<h2>Éditeur du site</h2>
<p>Le site {{SITE_URL}} (boutique {{SHOP_NAME}}) est édité par {{LEGAL_NAME}}{{#HAS_LEGAL_FORM}}, {{LEGAL_FORM}}{{/HAS_LEGAL_FORM}}.</p>
<ul>
{{#HAS_ADDRESS}}<li>Adresse : {{#ADDRESS}}{{LINE}}{{#ADDRESS_separator}}, {{/ADDRESS_separator}}{{/ADDRESS}}</li>{{/HAS_ADDRESS}}
{{#HAS_EMAIL}}<li>Courriel : <a href="mailto:{{CONTACT_EMAIL}}">{{CONTACT_EMAIL}}</a></li>{{/HAS_EMAIL}}
{{#HAS_PHONE}}<li>Téléphone : {{PHONE}}</li>{{/HAS_PHONE}}
</ul>

<h2>Immatriculations</h2>
{{#HAS_REGISTRATIONS}}
<ul>
{{#HAS_NEQ}}<li>Numéro d’entreprise du Québec (NEQ) : {{NEQ}}</li>{{/HAS_NEQ}}
{{#HAS_RCS}}<li>Immatriculée au registre du commerce et des sociétés (RCS) de {{RCS_CITY}} sous le numéro {{SIREN}}</li>{{/HAS_RCS}}
{{#SIREN_ONLY}}<li>SIREN : {{SIREN}}</li>{{/SIREN_ONLY}}
{{#HAS_SIRET}}<li>SIRET : {{SIRET}}</li>{{/HAS_SIRET}}
{{#HAS_GST}}<li>Numéro de TPS/TVH : {{GST_NUMBER}}</li>{{/HAS_GST}}
{{#HAS_QST}}<li>Numéro de TVQ : {{QST_NUMBER}}</li>{{/HAS_QST}}
{{#HAS_VAT}}<li>Numéro de TVA intracommunautaire : {{VAT_NUMBER}}</li>{{/HAS_VAT}}
</ul>
{{/HAS_REGISTRATIONS}}
{{#NO_REGISTRATIONS}}
<p>Aucun numéro d’immatriculation n’est publié pour le moment.{{#HAS_EMAIL}} Vous pouvez le demander par courriel à <a href="mailto:{{CONTACT_EMAIL}}">{{CONTACT_EMAIL}}</a>.{{/HAS_EMAIL}}</p>
{{/NO_REGISTRATIONS}}

<h2>Directeur de la publication</h2>
{{#DIRECTOR_NAMED}}
<p>Le directeur de la publication est {{DIRECTOR}}.</p>
{{/DIRECTOR_NAMED}}
{{#DIRECTOR_DEFAULT}}
<p>Le directeur de la publication est le représentant légal de {{LEGAL_NAME}}.</p>
{{/DIRECTOR_DEFAULT}}

<h2>Hébergement</h2>
{{#HOST_NAMED}}
<p>Le site est hébergé par {{HOST_NAME}}{{#HAS_HOST_ADDRESS}}, {{#HOST_ADDRESS}}{{LINE}}{{#HOST_ADDRESS_separator}}, {{/HOST_ADDRESS_separator}}{{/HOST_ADDRESS}}{{/HAS_HOST_ADDRESS}}.</p>
{{/HOST_NAMED}}
{{#HOST_UNNAMED}}
<p>Le nom et l’adresse de l’hébergeur du site n’ont pas encore été publiés.{{#HAS_EMAIL}} Vous pouvez les obtenir par courriel à <a href="mailto:{{CONTACT_EMAIL}}">{{CONTACT_EMAIL}}</a>.{{/HAS_EMAIL}}</p>
{{/HOST_UNNAMED}}

<h2>Propriété intellectuelle</h2>
<p>Les textes, photographies, logos et autres contenus du site appartiennent à {{LEGAL_NAME}} ou à ses partenaires. Toute reproduction sans autorisation écrite est interdite, sauf dans les limites prévues par la loi.</p>

<h2>Renseignements personnels et témoins</h2>
<p>La <a href="{{PRIVACY_URL}}">politique de confidentialité</a> décrit le traitement de vos renseignements personnels et la <a href="{{COOKIES_URL}}">politique relative aux témoins</a> les témoins utilisés par le site. Les ventes sont régies par les <a href="{{TERMS_URL}}">conditions de vente</a>.</p>
