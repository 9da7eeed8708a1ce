{{%AUTOESCAPE context="HTML"}}
<p>This policy explains what personal information {{LEGAL_NAME}} collects when you visit the {{SHOP_NAME}} shop ({{SITE_URL}}) and order from it, why, how long we keep it, who we share it with and how to exercise your rights. It meets the requirements of Québec’s Act respecting the protection of personal information in the private sector (as amended by Law 25) and, for people in the European Union, of the General Data Protection Regulation (GDPR).</p>

<h2>1. Who is responsible for your information</h2>
<p>Your information is handled by {{LEGAL_NAME}}{{#HAS_ADDRESS}}, whose address is: {{#ADDRESS}}{{LINE}}{{#ADDRESS_separator}}, {{/ADDRESS_separator}}{{/ADDRESS}}{{/HAS_ADDRESS}}. Under the GDPR, {{LEGAL_NAME}} is the controller.</p>
{{#PRIVACY_OFFICER_NAMED}}
<p>The person in charge of the protection of personal information is: {{PRIVACY_OFFICER}}. They make sure this policy is followed, answer your requests and handle confidentiality incidents. They are also your point of contact for any question about the GDPR.</p>
{{/PRIVACY_OFFICER_NAMED}}
{{#PRIVACY_OFFICER_DEFAULT}}
<p>As Québec law provides, the person with the highest authority within {{LEGAL_NAME}} acts as the person in charge of the protection of personal information. They make sure this policy is followed, answer your requests and handle confidentiality incidents. They are also your point of contact for any question about the GDPR.</p>
{{/PRIVACY_OFFICER_DEFAULT}}
{{#HAS_PRIVACY_EMAIL}}
<p>To reach them, write to <a href="mailto:{{PRIVACY_EMAIL}}">{{PRIVACY_EMAIL}}</a>{{#HAS_ADDRESS}} or by post at the address above{{/HAS_ADDRESS}}.</p>
{{/HAS_PRIVACY_EMAIL}}

<h2>2. The information we collect</h2>
<ul>
<li><strong>Your account</strong>, if you create one: your email address, your password (which we keep only in hashed form, unreadable even to us) and, if you turn it on, the secret of your second authentication factor.</li>
<li><strong>Your shipping addresses</strong>: name, postal address and, if you give it, phone number. They are encrypted in our database.</li>
<li><strong>Your orders</strong>: the items, amounts, taxes, shipping address, the order’s status, its tracking and your return requests.</li>
{{#CARD_PAYMENTS}}
<li><strong>Payment</strong>: you pay by card on the secure page of our payment provider, Stripe. The shop never sees your card number; Stripe only tells us whether the payment succeeded and gives us a transaction reference.</li>
{{/CARD_PAYMENTS}}
{{#MANUAL_PAYMENTS}}
<li><strong>Payment</strong>: you pay by bank transfer or on pickup. We only record the date and amount received; the shop never receives a card number.</li>
{{/MANUAL_PAYMENTS}}
<li><strong>A session cookie</strong>, needed for the cart, signing in and protecting forms; our <a href="{{COOKIES_URL}}">cookie policy</a> describes it in detail.</li>
<li><strong>Technical logs</strong>: the IP address, the date and the page requested, which we use to keep the site secure and limit abuse.</li>
<li><strong>Audience measurement</strong>, only if you accept it: statistics on how the pages are visited.</li>
</ul>
<p>We collect only what the purposes below require. We do not sell your information and do not use it for targeted advertising.</p>

<h2>3. Why we use it</h2>
<p>The table gives each purpose and, for people covered by the GDPR, its legal basis.</p>
<div class="legal__table-wrap">
<table>
<caption class="visually-hidden">Purposes of processing and legal bases</caption>
<thead><tr><th scope="col">Purpose</th><th scope="col">Legal basis (GDPR)</th></tr></thead>
<tbody>
<tr><td>Creating and managing your account</td><td>Performance of the contract (Art. 6(1)(b))</td></tr>
<tr><td>Processing and delivering your orders, handling returns and refunds</td><td>Performance of the contract (Art. 6(1)(b))</td></tr>
<tr><td>Taking payment</td><td>Performance of the contract (Art. 6(1)(b))</td></tr>
<tr><td>Sending you the emails about your account and your orders</td><td>Performance of the contract (Art. 6(1)(b))</td></tr>
<tr><td>Issuing invoices and keeping the accounts</td><td>Legal obligation (Art. 6(1)(c))</td></tr>
<tr><td>Protecting the site and our customers from fraud and abuse</td><td>Legitimate interest (Art. 6(1)(f))</td></tr>
<tr><td>Measuring the site’s audience</td><td>Consent (Art. 6(1)(a))</td></tr>
</tbody>
</table>
</div>
<p>We make no decision based solely on the automated processing of your information.</p>

<h2>4. How long we keep it</h2>
<ul>
<li>Your account: as long as it is active. You may ask for it to be deleted at any time; an account unused for three years is deleted.</li>
<li>Orders and invoices: as long as tax and accounting laws require, that is six years after the end of the tax year in Québec and ten years in France. After that, they are destroyed or anonymized.</li>
<li>The session cookie: 30 days at most, and it stops working after 7 days without a visit.</li>
<li>Technical logs: 12 months at most.</li>
<li>Audience measurement data: 13 months at most.</li>
</ul>

<h2>5. Who we share it with</h2>
<p>Only the members of our staff who need your information for their work can see it. We also share it, only as far as needed, with the following providers, who act on our behalf and are bound by contract to protect it:</p>
<ul>
{{#CARD_PAYMENTS}}
<li>Stripe, for card payments;</li>
{{/CARD_PAYMENTS}}
<li>our email delivery provider, for the messages about your account and your orders;</li>
{{#HOST_NAMED}}
<li>{{HOST_NAME}}, which hosts the site and its database;</li>
{{/HOST_NAMED}}
{{#HOST_UNNAMED}}
<li>the host of the site and its database;</li>
{{/HOST_UNNAMED}}
<li>the carrier and, for some items, the supplier who ships your parcel directly, who receive your name and shipping address;</li>
<li>the audience measurement service, if we use one and only if you have accepted it.</li>
</ul>
<p>We may also have to disclose information where the law requires it, for example at the request of a tax authority.</p>

<h2>6. Communication outside Québec and the European Union</h2>
<p>Some of our providers{{#CARD_PAYMENTS}}, Stripe among them,{{/CARD_PAYMENTS}} process information outside Québec, in particular in the United States and the European Union. Before communicating information outside Québec, we assess, as the law requires, whether it will be adequately protected there, given its sensitivity, the purpose and the protection measures set out by contract. For people covered by the GDPR, transfers outside the European Union rely on an adequacy decision of the European Commission (including the EU–US Data Privacy Framework) or on the standard contractual clauses it adopted.</p>

<h2>7. Your rights</h2>
<h3>In Québec</h3>
<p>You may ask to access your personal information, to have it corrected if it is inaccurate, incomplete or equivocal, and to receive it in a structured, commonly used technological format (portability), for yourself or for a person you designate. You may withdraw a consent you gave at any time, and ask us to stop disseminating information about you or to de-index any hyperlink attached to your name that gives access to it, where that dissemination breaks the law or causes you harm.</p>
<p>If you are not satisfied with our answer, you may file a complaint with the Commission d’accès à l’information du Québec (<a href="https://www.cai.gouv.qc.ca/">www.cai.gouv.qc.ca</a>).</p>
<h3>In the European Union</h3>
<p>You have the rights of access, rectification, erasure, restriction of processing, objection (in particular to processing based on our legitimate interest) and portability, and the right to withdraw your consent at any time, without affecting the processing carried out before you withdrew it. In France, you may also give instructions about what happens to your data after your death.</p>
<p>You may lodge a complaint with the Commission nationale de l’informatique et des libertés (CNIL, <a href="https://www.cnil.fr/">www.cnil.fr</a>) or with the data protection authority of the country where you live.</p>
<h3>How to exercise your rights</h3>
<p>{{#HAS_PRIVACY_EMAIL}}Write to <a href="mailto:{{PRIVACY_EMAIL}}">{{PRIVACY_EMAIL}}</a>. {{/HAS_PRIVACY_EMAIL}}We may ask you to confirm your identity before we answer. We answer within 30 days of receiving your request (within one month for requests under the GDPR). Exercising these rights is free.</p>

<h2>8. Security and confidentiality incidents</h2>
<p>The site is only reachable over an encrypted connection (HTTPS). Passwords are hashed with Argon2id, addresses and phone numbers are encrypted in the database, and the back office requires two-factor authentication.</p>
<p>If a confidentiality incident occurs (unauthorized access, use or communication, or loss of information), we promptly take steps to reduce the risk of harm and to prevent a similar incident, and we enter it in our incident register. When the incident presents a risk of serious injury, we notify the Commission d’accès à l’information and the people concerned. For people covered by the GDPR, we notify the CNIL within 72 hours when the incident presents a risk to your rights and freedoms, and we tell you directly if that risk is high.</p>

<h2>9. Cookies</h2>
<p>Our <a href="{{COOKIES_URL}}">cookie policy</a> describes the cookies the site uses and how to change your choice.</p>

<h2>10. Changes</h2>
<p>We may change this policy; the date of the version in force is shown at the top of this page. If a change affects how we use information already collected, we will tell you before it applies.</p>
