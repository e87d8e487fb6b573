package io.tidings.render;

/**
 * What a PDF is rendered for: the two differ in what their readers need.
 */
public enum Rendition {

	/**
	 * Paper: neutral colours as grey levels (a press prints them with black ink only,
	 * never as a four-colour mix), no structure tree unless configured.
	 */
	PRINT,

	/**
	 * A screen (an email attachment): colours as designed, tagged for accessibility.
	 */
	ELECTRONIC

}
