package io.tidings.sms;

import tools.jackson.databind.json.JsonMapper;

/**
 * An SMS as archived and as written to the outbox: one JSON object.
 *
 * @param communicationId the communication id
 * @param to recipient in E.164
 * @param body the text
 * @param encoding GSM-7 or UCS-2
 * @param segments number of segments
 */
record SmsMessage(String communicationId, String to, String body, String encoding, int segments) {

	static final JsonMapper JSON = JsonMapper.builder().build();

	byte[] toJson() {
		return JSON.writeValueAsBytes(this);
	}

	static SmsMessage fromJson(byte[] json) {
		return JSON.readValue(json, SmsMessage.class);
	}

}
