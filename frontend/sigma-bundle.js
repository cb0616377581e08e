// sigma.js ships only ES modules; `make vendor` bundles it with graphology into one classic
// script (window.Sigma, window.graphology) so the network page needs no module loader.
import Graph from "graphology";
import Sigma from "sigma";

window.graphology = { Graph };
window.Sigma = Sigma;
