<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_CA">
<context>
    <name>comptoir::desktop::AlertsPage</name>
    <message>
        <source>The alert is marked as resolved; it comes back if its cause is still there at the engine&apos;s next pass.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That alert was already closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API failing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order stuck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No supplier for a line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel at the supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the shop)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a shop in the switcher to read its alerts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the chosen alert: it comes back if its cause is still there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mar&amp;k as resolved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::ApiLogPage</name>
    <message>
        <source>Every supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no body)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a shop in the switcher to read its API call log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier of the calls shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome of the calls shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From (date)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To (date, included)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request body (secrets redacted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response body (secrets redacted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::DashboardModel</name>
    <message numerus="yes">
        <source>Needs comptoir migrate (%n migration(s) pending)</source>
        <translation>
            <numerusform>Needs comptoir migrate (%n migration pending)</numerusform>
            <numerusform>Needs comptoir migrate (%n migrations pending)</numerusform>
        </translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newer than this app: update it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active suppliers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced variants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmapped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open supplier orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to open the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API calls (24 h)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n call(s), %2 failed, median %3 ms</source>
        <translation>
            <numerusform>%1: %n call, %2 failed, median %3 ms</numerusform>
            <numerusform>%1: %n calls, %2 failed, median %3 ms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::DayCharts</name>
    <message>
        <source>Supplier orders per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync errors per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No shop&apos;s figures to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>None in the last %n day(s)</source>
        <translation>
            <numerusform>None in the last day</numerusform>
            <numerusform>None in the last %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 in the last %n day(s); most on %2 (%3)</source>
        <translation>
            <numerusform>%1 in the last day; most on %2 (%3)</numerusform>
            <numerusform>%1 in the last %n days; most on %2 (%3)</numerusform>
        </translation>
    </message>
    <message>
        <source>Supplier orders per day, last two weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync errors per day, last two weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier orders per day, %1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync errors per day, %1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::EngineHost</name>
    <message>
        <source>%1: %2 sent, %3 shipped, %4 failed; %5 catalog(s) synced</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::MainWindow</name>
    <message>
        <source>Read at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All shops</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n shop(s)</source>
        <translation>
            <numerusform>%n shop</numerusform>
            <numerusform>%n shops</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreachable</source>
        <translation>
            <numerusform>%n unreachable</numerusform>
            <numerusform>%n unreachable</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to migrate</source>
        <translation>
            <numerusform>%n to migrate</numerusform>
            <numerusform>%n to migrate</numerusform>
        </translation>
    </message>
    <message>
        <source>No shop yet: add one (Ctrl+N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comptoir — suppliers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop shown (Ctrl+1…9; Ctrl+0: all shops)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add a shop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit the shop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move the shop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Shops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard of every shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;uppliers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine pass: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine pass, with errors: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;ngine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run the jobs in this app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch, due syncs and stock for every shop, a pass a minute, as comptoir suppliers run does on a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shops file: %1 (secrets in the system keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shops file: %1 (no system keychain: secrets in files readable only by you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app was started without the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 from the list? Its database is not touched; its secrets are deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aler&amp;ts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::MappingPage</name>
    <message>
        <source>%1 mapped to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unmapped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n variant(s) mapped.</source>
        <translation>
            <numerusform>%n variant mapped.</numerusform>
            <numerusform>%n variants mapped.</numerusform>
        </translation>
    </message>
    <message>
        <source>No unmapped variant of this supplier matches a shop SKU or GTIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chosen by the policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the policy chooses %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no supplier keeps the margin floor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a shop in the switcher to map its suppliers&apos; variants.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every variant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmapped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mapped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variants shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier of the variants shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU, GTIN or title, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the suppliers&apos; variants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop&apos;s variants: SKU, GTIN or product name, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the shop&apos;s variants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GTIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mapped to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The suppliers&apos; variants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop&apos;s variants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority of the mapping (lower is preferred)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>priority </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Map to the chosen shop variant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By hand, replacing what it was mapped to (Ctrl+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Auto-match…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chosen supplier&apos;s unmapped variants by SKU, then GTIN, reviewed first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::NewsDialog</name>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to the supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The supplier&apos;s news of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier&apos;s &amp;order number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Carrier:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tracking number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier&apos;s order number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking URL</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::OrdersPage</name>
    <message>
        <source>not a state a supplier reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an http(s) address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too long, or not plain text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The supplier refused it: see its last error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent yet: the engine tries again later (see its last error).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the supplier order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel %1? Nothing was sent to the supplier. The customer&apos;s order is not changed: ship those items yourself or refund them.

Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — stuck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — being dispatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A platform&apos;s news comes through its connector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What a generic supplier said: its state, order number, tracking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State of the orders shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier of the orders shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tuck only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier&apos;s number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next look</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dispatch now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send it, or ask the supplier for news, at once (Ctrl+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A failed order, tried again from its first attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An order nothing was sent for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tracking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the %1 newest are shown: choose a state, a shop or a supplier to see the others.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::ProposalDialog</name>
    <message>
        <source>Auto-match: review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier&apos;s SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop&apos;s SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matches to make</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n match(es) by SKU, then by GTIN. Uncheck those to leave unmapped.</source>
        <translation>
            <numerusform>%n match by SKU, then by GTIN. Uncheck it to leave it unmapped.</numerusform>
            <numerusform>%n matches by SKU, then by GTIN. Uncheck those to leave unmapped.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Map the checked ones</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::ShopDialog</name>
    <message>
        <source>Edit a shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Colour:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Database URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret &amp;keys:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lower-case letters, digits, - or _</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the shop colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged (type a new one to replace it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged (type new ones to replace them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database URL and the keys are kept in the system keychain; they are never shown again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain answers: the database URL and the keys are kept in files next to the shops file, readable only by you; they are never shown again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::SupplierDialog</name>
    <message>
        <source>&amp;Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set: type a JSON object to replace them; empty keeps them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None yet: a JSON object, e.g. {&quot;api_token&quot;: &quot;…&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fulfilment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;base URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acc&amp;ount:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;urrency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Minimum order:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Shipping days:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Contact:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No&amp;tes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;redentials:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fulfilment type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account at the platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum order amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default shipping days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier type</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::SuppliersPage</name>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection OK: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a shop in the switcher to see its suppliers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fulfilment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipping days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suppliers of the shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n supplier(s) exported, without their credentials.</source>
        <translation>
            <numerusform>%n supplier exported, without its credentials.</numerusform>
            <numerusform>%n suppliers exported, without their credentials.</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported: %1 created, %2 updated, %3 unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing imported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the suppliers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import suppliers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new supplier (Ctrl+Shift+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The suppliers&apos; settings as JSON, without their credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suppliers matched by name are updated, the others created; all or nothing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::SyncPage</name>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n s ago</numerusform>
            <numerusform>%n s ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: not synced: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: done — %2 variants, %3 new, %4 mapped, %5 unmapped, %6 gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: cancelled after %n page(s)</source>
        <translation>
            <numerusform>%1: cancelled after %n page</numerusform>
            <numerusform>%1: cancelled after %n pages</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No supplier of this shop reads a catalog from its platform.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling at the end of the page being read…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: page %2, %3 products, %4 variants read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The supplier&apos;s price list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comptoir-suppliers on %1 (pid %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comptoir suppliers run on %1 (pid %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine: %1, version %2 — last heartbeat %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No engine has run this shop&apos;s jobs for the last %n minute(s): supplier orders wait. Run comptoir suppliers run on a server, or Engine ▸ Run the jobs in this app.</source>
        <translation>
            <numerusform>No engine has run this shop&apos;s jobs for the last minute: supplier orders wait. Run comptoir suppliers run on a server, or Engine ▸ Run the jobs in this app.</numerusform>
            <numerusform>No engine has run this shop&apos;s jobs for the last %n minutes: supplier orders wait. Run comptoir suppliers run on a server, or Engine ▸ Run the jobs in this app.</numerusform>
        </translation>
    </message>
    <message>
        <source>inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a price list (CSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No error in this run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a shop in the switcher to sync its suppliers&apos; catalogs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catalog from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mapped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suppliers to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors of the chosen run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History (the latest %1 runs):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the chosen supplier&apos;s catalog from its platform (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From a &amp;price list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the chosen supplier&apos;s catalog from a CSV price list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync &amp;all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every supplier that has a catalog on its platform, one after another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::Work</name>
    <message>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
