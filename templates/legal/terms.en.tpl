{{%AUTOESCAPE context="HTML"}}
<p>These terms of sale govern the sales made on the {{SHOP_NAME}} shop ({{SITE_URL}}) between {{LEGAL_NAME}} and its customers. The seller’s details are given in the <a href="{{NOTICE_URL}}">legal notice</a>. By placing an order, you accept these terms in the version in force at that time; that version is recorded with your order.</p>

<h2>1. Products</h2>
<p>Each product page presents the item’s essential characteristics. Products are offered while stocks last; if an item is no longer available, the shop tells you before you place your order.</p>

<h2>2. Prices and taxes</h2>
<p>Prices are shown in {{CURRENCY}}. The summary shown before you order details the price of the items, shipping, any handling fee and the taxes, and the total to pay.</p>
<ul>
<li>For delivery in Canada, sales taxes (GST and QST, or HST depending on the province) are added to the displayed price; they are computed from the shipping address.</li>
<li>For delivery in France or elsewhere in the European Union, prices include all taxes (VAT included).</li>
</ul>
{{#HAS_TAX_NUMBERS}}
<p>The seller’s tax registration numbers:</p>
<ul>
{{#HAS_GST}}<li>GST/HST: {{GST_NUMBER}}</li>{{/HAS_GST}}
{{#HAS_QST}}<li>QST: {{QST_NUMBER}}</li>{{/HAS_QST}}
{{#HAS_VAT}}<li>EU VAT: {{VAT_NUMBER}}</li>{{/HAS_VAT}}
</ul>
{{/HAS_TAX_NUMBERS}}
<p>The price charged is the one displayed when you ordered. If a price changes while you are filling in the form, the shop shows you the new total before accepting the order.</p>

<h2>3. Ordering and when the contract is formed</h2>
<p>You add items to the cart, give your email address and shipping address, then check the summary of your order and its total. The order is placed when you click the order button, which commits you to pay. We immediately send you a confirmation by email.</p>
{{#CARD_PAYMENTS}}
<p>The contract is formed when your payment is accepted. If the payment does not go through within the time shown, the order is cancelled and the items held for you are put back on sale.</p>
{{/CARD_PAYMENTS}}
{{#MANUAL_PAYMENTS}}
<p>The contract is formed when the order is confirmed; the items are held for you until your payment arrives. An order that is not paid within the time given in the confirmation email is cancelled.</p>
{{/MANUAL_PAYMENTS}}
<p>We keep a copy of every contract: you can see your order at any time through the link in your confirmation email or from your account.</p>

<h2>4. Payment</h2>
{{#CARD_PAYMENTS}}
<p>You pay by card on the secure page of our payment provider, Stripe. The shop never sees or keeps your card number. The amount is charged when you order.</p>
{{/CARD_PAYMENTS}}
{{#MANUAL_PAYMENTS}}
<p>You pay by bank transfer or on pickup, following the instructions sent in the confirmation email. The order ships once the payment has arrived.</p>
{{/MANUAL_PAYMENTS}}

<h2>5. Delivery</h2>
<p>Items are delivered to the address you give when ordering, in the regions the shop serves. The announced delivery time runs from when the payment is received. We email you the tracking number when the parcel ships.</p>
<p>In Québec, if the item is not delivered within 30 days of the agreed date (or, without a date, of the making of the contract), you may cancel the contract. In France, without an agreed date, delivery takes place at the latest 30 days after the contract is made; if it is late, you may ask us to deliver within a reasonable additional period, then end the contract if we do not. The risk of loss or damage passes to you when you take physical possession of the items.</p>

<h2>6. Right of withdrawal</h2>
<p><strong>If you are a consumer living in the European Union</strong>, you have 14 days to withdraw from the contract without giving any reason. The period runs from the day you, or a third party you name other than the carrier, take physical possession of the goods (of the last item, if the order is delivered in several parts).</p>
<p>To exercise this right, tell us of your decision by a clear statement{{#HAS_EMAIL}}, for example by email to <a href="mailto:{{CONTACT_EMAIL}}">{{CONTACT_EMAIL}}</a>{{#HAS_ADDRESS}} or by letter to the address given in the legal notice{{/HAS_ADDRESS}}{{/HAS_EMAIL}}{{#NO_EMAIL}}{{#HAS_ADDRESS}}, for example by letter to the address given in the legal notice{{/HAS_ADDRESS}}{{/NO_EMAIL}}. You may use the model form below, but you do not have to. It is enough that you send your message before the period ends.</p>
<p>You must send the goods back without undue delay and at the latest 14 days after telling us of your decision. You bear the direct cost of returning them. You are only liable for any loss in value of the goods resulting from handling other than what is needed to establish their nature, characteristics and functioning.</p>
<p>We refund all payments received from you, including the initial delivery costs (except the extra cost if you chose a delivery method more expensive than standard delivery), at the latest 14 days after we are told of your decision. We may withhold the refund until we have received the goods back or you have supplied proof of having sent them, whichever comes first. The refund uses the same means of payment as the order.</p>
<p>The right of withdrawal does not apply, among others, to goods made to your specifications or clearly personalized, goods liable to deteriorate or expire rapidly, and sealed goods unsealed after delivery that cannot be returned for reasons of health protection or hygiene.</p>
<p><strong>In Québec</strong>, the Consumer Protection Act lets you cancel a distance contract in the cases it provides for, in particular when the merchant did not give you the required information before the contract was made or when the item is not delivered within the 30 days mentioned above.</p>

<h2>7. Returns</h2>
{{#RETURNS_ACCEPTED}}
<p>On top of your rights under the law, you may ask to return items within {{RETURN_DAYS}} days after your order ships (or is paid, if it has not shipped yet), from your order’s page. Once the items are received and checked, we refund you through the means of payment you used.</p>
{{/RETURNS_ACCEPTED}}
{{#RETURNS_NONE}}
<p>Apart from your rights under the law (the right of withdrawal above and the warranties below), the shop does not accept returns.</p>
{{/RETURNS_NONE}}

<h2>8. Legal warranties</h2>
<h3>In Québec</h3>
<p>The Consumer Protection Act gives you a legal warranty that applies whatever a contract says: the goods must be fit for the purposes for which goods of that kind are ordinarily used, they must be durable in normal use for a reasonable length of time, having regard to their price, the contract and their conditions of use, and they must match their description. You may also rely on the warranty against latent defects of the Civil Code of Québec.</p>
<h3>In France</h3>
<blockquote>
<p>The consumer has two years from delivery of the goods to obtain the application of the legal guarantee of conformity when a lack of conformity appears. During that period, the consumer only has to show that the lack of conformity exists, not when it appeared.</p>
<p>The legal guarantee of conformity obliges the seller to provide every update needed to keep goods with digital elements in conformity.</p>
<p>The legal guarantee of conformity entitles the consumer to have the goods repaired or replaced within thirty days of the request, free of charge and without major inconvenience. If the goods are repaired under the legal guarantee of conformity, the consumer receives a six-month extension of the initial guarantee.</p>
<p>The consumer may obtain a price reduction while keeping the goods, or end the contract and be refunded in full against returning the goods, if the seller refuses to repair or replace them, if the repair or replacement takes place after thirty days, if it causes the consumer major inconvenience, or if the lack of conformity persists after an unsuccessful attempt to correct it. The consumer is also entitled to a price reduction or to end the contract at once when the lack of conformity is so serious that it justifies it.</p>
<p>These guarantees are set out in Articles L. 217-1 to L. 217-32 of the French Consumer Code. The consumer also has the guarantee against hidden defects of Articles 1641 to 1649 of the French Civil Code, for two years from the discovery of the defect, and may then choose between cancelling the sale and a price reduction.</p>
</blockquote>
<p>To claim under a warranty, write to us{{#HAS_EMAIL}} at <a href="mailto:{{CONTACT_EMAIL}}">{{CONTACT_EMAIL}}</a>{{/HAS_EMAIL}} with your order number.</p>

<h2>9. Personal information</h2>
<p>Our <a href="{{PRIVACY_URL}}">privacy policy</a> explains how we handle the information you give us when you order.</p>

<h2>10. Applicable law and disputes</h2>
<p>For any question or complaint, please write to us first{{#HAS_EMAIL}} at <a href="mailto:{{CONTACT_EMAIL}}">{{CONTACT_EMAIL}}</a>{{/HAS_EMAIL}}: we always look for an amicable solution.</p>
<p>If you live in Québec, the contract is governed by the laws of Québec and you may bring proceedings before the courts where you live; the Office de la protection du consommateur (<a href="https://www.opc.gouv.qc.ca/en/">www.opc.gouv.qc.ca</a>) can also tell you about your remedies. No clause obliges you to go to arbitration or deprives you of a class action.</p>
<p>If you live in the European Union, the contract is governed by French law, but that choice cannot deprive you of the protection given to you by the mandatory provisions of the law of the country where you live.</p>
{{#MEDIATOR_NAMED}}
<p>If you are a consumer and your written complaint was not resolved, you may refer the dispute free of charge to the consumer mediator we belong to: {{MEDIATOR_NAME}}{{#HAS_MEDIATOR_URL}} (<a href="{{MEDIATOR_URL}}">{{MEDIATOR_URL}}</a>){{/HAS_MEDIATOR_URL}}, under Articles L. 612-1 and following of the French Consumer Code.</p>
{{/MEDIATOR_NAMED}}

<h2>Appendix: model withdrawal form</h2>
<p>Complete and return this form only if you wish to withdraw from the contract.</p>
<blockquote>
<p>To {{LEGAL_NAME}}{{#HAS_ADDRESS}}, {{#ADDRESS}}{{LINE}}{{#ADDRESS_separator}}, {{/ADDRESS_separator}}{{/ADDRESS}}{{/HAS_ADDRESS}}{{#HAS_EMAIL}}, email: {{CONTACT_EMAIL}}{{/HAS_EMAIL}}:</p>
<p>I hereby give notice that I withdraw from my contract of sale of the following goods:</p>
<p>Ordered on (*) / received on (*):<br>
Order number:<br>
Name of consumer:<br>
Address of consumer:<br>
Signature of consumer (only if this form is notified on paper):<br>
Date:</p>
<p>(*) Delete as appropriate.</p>
</blockquote>
