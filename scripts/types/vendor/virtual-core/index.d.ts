// The page imports @tanstack/virtual-core from the copy the build puts beside its modules
// (javascripts/vendor/virtual-core/, ka_site.build.vendor); its types are the npm package's own.
export * from "@tanstack/virtual-core";
