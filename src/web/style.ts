// The dashboard's one stylesheet: system fonts, AA contrast (text #1f2328 on
// white, links #0b57d0, muted #57606a — all ≥ 4.5:1), focus rings kept, and
// tables that scroll sideways on a phone instead of squeezing.
export const CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f6f8fa}
a{color:#0b57d0}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:2}
header.top{background:#1f2328;color:#fff}
header.top .bar{max-width:1100px;margin:0 auto;padding:10px 16px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header.top a{color:#fff;text-decoration:none;font-weight:600}
header.top nav{display:flex;gap:14px;flex-wrap:wrap;flex:1}
header.top nav a{font-weight:500;opacity:.95}
header.top nav a[aria-current=page]{text-decoration:underline;text-underline-offset:4px}
header.top form{margin:0}
header.top button{background:transparent;color:#fff;border:1px solid #8b949e;border-radius:6px;padding:4px 10px;font:inherit;cursor:pointer}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:1.6rem;margin:.4em 0}
h2{font-size:1.2rem;margin:1.4em 0 .5em}
.muted{color:#57606a}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px;margin:12px 0}
.grid{display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(160px,1fr))}
.stat{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px}
.stat b{display:block;font-size:1.6rem}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #d0d7de;vertical-align:top}
thead th{background:#f6f8fa;font-weight:600;white-space:nowrap}
tbody th{font-weight:600;background:#fff}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.risk{display:inline-block;background:#fff1e5;color:#8a3a00;border:1px solid #d4a373;border-radius:999px;padding:0 8px;font-size:.85rem;white-space:nowrap}
.ok{display:inline-block;background:#dafbe1;color:#116329;border-radius:999px;padding:0 8px;font-size:.85rem}
.flag{display:inline-block;background:#ffebe9;color:#a40e26;border:1px solid #ff8182;border-radius:6px;padding:0 6px;font-size:.85rem;margin:2px 0}
.notice{border-left:4px solid #1a7f37;background:#dafbe1;padding:8px 12px;border-radius:4px}
.error{border-left:4px solid #cf222e;background:#ffebe9;padding:8px 12px;border-radius:4px}
form.settings{display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));align-items:end}
label{display:block;font-weight:600;font-size:.95rem}
input,select,textarea{display:block;width:100%;margin-top:4px;font:inherit;padding:6px 8px;border:1px solid #8c959f;border-radius:6px;background:#fff;color:#1f2328}
textarea{min-height:4em}
button,.button{font:inherit;padding:6px 14px;border-radius:6px;border:1px solid #1f2328;background:#fff;color:#1f2328;cursor:pointer;text-decoration:none;display:inline-block}
button.primary,.button.primary{background:#1a7f37;border-color:#1a7f37;color:#fff}
button.warn{background:#fff;border-color:#9a6700;color:#7d4e00}
.inline{display:flex;gap:8px;flex-wrap:wrap;align-items:end}
.inline label{flex:1;min-width:180px}
.filters{display:flex;gap:12px;flex-wrap:wrap;align-items:end;margin:8px 0}
.filters label{min-width:160px}
.bar-outer{background:#eaeef2;border-radius:4px;height:10px;min-width:80px}
.bar-inner{background:#0b57d0;border-radius:4px;height:10px}
.topic{display:flex;gap:8px;align-items:baseline;padding:2px 0}
.topic .mark{width:1.2em;flex:none}
.done{color:#116329}
ol.stages{padding-left:1.2em}
blockquote{margin:6px 0;padding:4px 10px;border-left:3px solid #d0d7de;color:#3d444d;white-space:pre-wrap;overflow-wrap:anywhere}
svg text{font:12px system-ui,sans-serif;fill:#1f2328}
.chart{overflow-x:auto}.chart svg{min-width:520px}
.queue-item{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;margin:12px 0}
.queue-item h3{margin:0 0 4px;font-size:1.05rem}
.signin{max-width:420px;margin:40px auto}
.signin .button{display:block;text-align:center;margin:10px 0;padding:10px}
@media (max-width:600px){main{padding:10px}h1{font-size:1.35rem}th,td{padding:6px}header.top nav{order:3;flex-basis:100%}header.top form{margin-left:auto}}
`;
