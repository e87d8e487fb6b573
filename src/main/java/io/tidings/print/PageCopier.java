package io.tidings.print;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.COSWriter;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import static io.tidings.print.PdfObjectWriter.number;

/**
 * Copies pages of one source document into the file as form XObjects, with the objects
 * they use (content, images) copied as they are, compressed bytes included, each once,
 * under new numbers; fonts the stream shares ({@link StreamFonts}) are referred to
 * instead.
 */
final class PageCopier {

	/** Keys that point up or out of what a page draws; never followed when copying. */
	private static final Set<COSName> NOT_COPIED = Set.of(COSName.PARENT, COSName.STRUCT_PARENT, COSName.STRUCT_PARENTS,
			COSName.P);

	private final PdfObjectWriter objects;

	private final StreamFonts fonts;

	private final Map<COSBase, Integer> numbers = new IdentityHashMap<>();

	private final Deque<COSBase> pending = new ArrayDeque<>();

	private final @Nullable Path batchFile;

	/**
	 * @param batchFile the batch's file the pages are in, whose documents share their
	 * fonts; none for a document's file of its own
	 */
	PageCopier(PdfObjectWriter objects, StreamFonts fonts, @Nullable Path batchFile) {
		this.objects = objects;
		this.fonts = fonts;
		this.batchFile = batchFile;
	}

	/**
	 * Writes a page of the source as a form XObject, with everything it uses.
	 * @return the form's object number
	 */
	int form(PDPage page) throws IOException {
		byte[] content;
		COSName filter = null;
		COSBase contents = page.getCOSObject().getDictionaryObject(COSName.CONTENTS);
		if (contents instanceof COSStream single) {
			try (InputStream in = single.createRawInputStream()) {
				content = in.readAllBytes();
			}
			COSBase declared = single.getDictionaryObject(COSName.FILTER);
			if (declared instanceof COSName name) {
				filter = name;
			}
			else if (declared != null) {
				content = decoded(single);
			}
		}
		else {
			ByteArrayOutputStream joined = new ByteArrayOutputStream();
			if (contents instanceof COSArray parts) {
				for (COSBase part : parts) {
					COSBase stream = (part instanceof COSObject reference) ? reference.getObject() : part;
					if (stream instanceof COSStream partStream) {
						joined.write(decoded(partStream));
						joined.write('\n');
					}
				}
			}
			content = joined.toByteArray();
		}
		PDRectangle box = page.getMediaBox();
		int form = this.objects.allocate();
		this.objects.begin(form);
		StringBuilder dictionary = new StringBuilder("<< /Type /XObject /Subtype /Form /BBox [")
			.append(number(box.getLowerLeftX()))
			.append(' ')
			.append(number(box.getLowerLeftY()))
			.append(' ')
			.append(number(box.getUpperRightX()))
			.append(' ')
			.append(number(box.getUpperRightY()))
			.append("] /Length ")
			.append(content.length);
		if (filter != null) {
			dictionary.append(" /Filter /").append(filter.getName());
		}
		this.objects.ascii(dictionary.append(" /Resources ").toString());
		COSBase resources = page.getCOSObject().getItem(COSName.RESOURCES);
		if (resources == null && page.getResources() != null) {
			// inherited from the page tree
			resources = page.getResources().getCOSObject();
		}
		if (resources == null) {
			this.objects.ascii("<< >>");
		}
		else {
			value(resources);
		}
		this.objects.ascii(" >>\nstream\n");
		this.objects.write(content);
		this.objects.ascii("\nendstream");
		this.objects.end();
		drain();
		return form;
	}

	private byte[] decoded(COSStream stream) throws IOException {
		try (InputStream in = stream.createInputStream()) {
			return in.readAllBytes();
		}
	}

	private void drain() throws IOException {
		while (!this.pending.isEmpty()) {
			COSBase object = this.pending.poll();
			this.objects.begin(this.numbers.get(object));
			if (object instanceof COSStream stream) {
				stream(stream);
			}
			else {
				value(object);
			}
			this.objects.end();
		}
	}

	private void stream(COSStream stream) throws IOException {
		byte[] raw;
		try (InputStream in = stream.createRawInputStream()) {
			raw = in.readAllBytes();
		}
		CountingOutput output = this.objects.output();
		output.ascii("<<");
		for (Map.Entry<COSName, COSBase> entry : stream.entrySet()) {
			if (entry.getKey().equals(COSName.LENGTH) || NOT_COPIED.contains(entry.getKey())) {
				continue;
			}
			output.ascii(" ");
			entry.getKey().writePDF(output);
			output.ascii(" ");
			value(entry.getValue());
		}
		output.ascii(" /Length " + raw.length + " >>\nstream\n");
		output.write(raw);
		output.ascii("\nendstream");
	}

	/**
	 * Writes a value of the source document as an object of its own.
	 * @return its object number
	 */
	int object(COSBase value) throws IOException {
		int number = this.objects.allocate();
		this.objects.begin(number);
		value(value);
		this.objects.end();
		drain();
		return number;
	}

	private int reference(COSBase target) throws IOException {
		Integer number = this.numbers.get(target);
		if (number == null && target instanceof COSDictionary font
				&& COSName.FONT.equals(font.getCOSName(COSName.TYPE))) {
			OptionalInt shared = this.fonts.shared(font, this.batchFile);
			if (shared.isPresent()) {
				number = shared.getAsInt();
				this.numbers.put(target, number);
			}
		}
		if (number == null) {
			number = this.objects.allocate();
			this.numbers.put(target, number);
			this.pending.add(target);
		}
		return number;
	}

	private void value(COSBase value) throws IOException {
		CountingOutput output = this.objects.output();
		if (value instanceof COSObject reference) {
			COSBase target = reference.getObject();
			output.ascii((target == null || target instanceof COSNull) ? "null" : reference(target) + " 0 R");
		}
		else if (value instanceof COSStream stream) {
			output.ascii(reference(stream) + " 0 R");
		}
		else if (value instanceof COSDictionary dictionary) {
			output.ascii("<<");
			for (Map.Entry<COSName, COSBase> entry : dictionary.entrySet()) {
				if (NOT_COPIED.contains(entry.getKey())) {
					continue;
				}
				output.ascii(" ");
				entry.getKey().writePDF(output);
				output.ascii(" ");
				value(entry.getValue());
			}
			output.ascii(" >>");
		}
		else if (value instanceof COSArray array) {
			output.ascii("[");
			for (COSBase item : array) {
				output.ascii(" ");
				value((item != null) ? item : COSNull.NULL);
			}
			output.ascii(" ]");
		}
		else if (value instanceof COSString string) {
			COSWriter.writeString(string, output);
		}
		else if (value instanceof COSName name) {
			name.writePDF(output);
		}
		else if (value instanceof COSInteger integer) {
			integer.writePDF(output);
		}
		else if (value instanceof COSFloat real) {
			real.writePDF(output);
		}
		else if (value instanceof COSBoolean bool) {
			bool.writePDF(output);
		}
		else {
			output.ascii("null");
		}
	}

}
