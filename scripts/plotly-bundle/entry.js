// The Plotly.js build this dashboard serves instead of Dash's full bundle (1.47 MB gzipped):
// the core (scatter, which draws the trend lines and the map's filled outlines, plus toImage for
// the PNG/SVG downloads) and bar traces, with the Latvian locale. dcc.Graph uses window.Plotly
// when it is already defined, so nothing else changes. Built by ../build_plotly_bundle.sh.
var Plotly = require("plotly.js/lib/core");
Plotly.register([require("plotly.js/lib/bar"), require("plotly.js/lib/locales/lv")]);
module.exports = Plotly;
