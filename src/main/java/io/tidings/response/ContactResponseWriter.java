package io.tidings.response;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Records the responses of an ingested file (see {@link ResponseRecorder}).
 */
class ContactResponseWriter implements ItemWriter<ContactResponse> {

	private final ResponseRecorder recorder;

	ContactResponseWriter(ResponseRecorder recorder) {
		this.recorder = recorder;
	}

	@Override
	public void write(Chunk<? extends ContactResponse> chunk) {
		for (ContactResponse response : chunk) {
			this.recorder.record(response);
		}
	}

}
