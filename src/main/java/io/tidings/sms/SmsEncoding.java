package io.tidings.sms;

/**
 * How an SMS text travels and how many segments it costs. GSM-7 (the GSM 03.38 default
 * alphabet, where the extension characters {@code ^ { } \ [ ~ ] | €} count twice) fits
 * 160 characters in one segment and 153 per segment once split; a single character
 * outside it switches the whole message to UCS-2: 70, then 67 per segment.
 *
 * @param encoding {@code GSM-7} or {@code UCS-2}
 * @param units septets (GSM-7) or UTF-16 code units (UCS-2)
 * @param segments number of segments
 */
public record SmsEncoding(String encoding, int units, int segments) {

	private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

	public static SmsEncoding of(String text) {
		int septets = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (GSM_BASIC.indexOf(c) >= 0) {
				septets++;
			}
			else if (GSM_EXTENSION.indexOf(c) >= 0) {
				septets += 2;
			}
			else {
				int units = text.length();
				return new SmsEncoding("UCS-2", units, segments(units, 70, 67));
			}
		}
		return new SmsEncoding("GSM-7", septets, segments(septets, 160, 153));
	}

	private static int segments(int units, int single, int perPart) {
		if (units <= single) {
			return 1;
		}
		return (units + perPart - 1) / perPart;
	}

}
