// Small, valid media files built in code: an MP4 (one 16x16 H.264 frame, I_PCM macroblock, 1 s), a WAV (1 s of
// silence) and a 1x1 PNG. Served as generation outputs and as the content of uploaded/registered assets.

class BitWriter {
	private bytes: number[] = [];
	private cur = 0;
	private n = 0;
	bit(b: number): void {
		this.cur = (this.cur << 1) | (b & 1);
		this.n++;
		if (this.n === 8) {
			this.bytes.push(this.cur);
			this.cur = 0;
			this.n = 0;
		}
	}
	bits(value: number, count: number): void {
		for (let i = count - 1; i >= 0; i--) this.bit((value >> i) & 1);
	}
	ue(v: number): void {
		const x = v + 1;
		const len = Math.floor(Math.log2(x));
		this.bits(0, len);
		this.bits(x, len + 1);
	}
	se(v: number): void {
		this.ue(v <= 0 ? -2 * v : 2 * v - 1);
	}
	align(): void {
		while (this.n !== 0) this.bit(0);
	}
	trailing(): void {
		this.bit(1);
		this.align();
	}
	get aligned(): boolean {
		return this.n === 0;
	}
	buffer(): Buffer {
		return Buffer.from(this.bytes);
	}
}

/** RBSP → NAL payload with emulation-prevention bytes, prefixed by the one-byte NAL header. */
function nal(header: number, rbsp: Buffer): Buffer {
	const out: number[] = [header];
	let zeros = 0;
	for (const b of rbsp) {
		if (zeros >= 2 && b <= 3) {
			out.push(3);
			zeros = 0;
		}
		out.push(b);
		zeros = b === 0 ? zeros + 1 : 0;
	}
	return Buffer.from(out);
}

function buildSps(): Buffer {
	const w = new BitWriter();
	w.bits(66, 8); // profile_idc: Baseline
	w.bits(0xc0, 8); // constraint_set0/1 (constrained baseline)
	w.bits(10, 8); // level_idc 1.0
	w.ue(0); // seq_parameter_set_id
	w.ue(0); // log2_max_frame_num_minus4
	w.ue(2); // pic_order_cnt_type
	w.ue(1); // max_num_ref_frames
	w.bit(0); // gaps_in_frame_num_value_allowed_flag
	w.ue(0); // pic_width_in_mbs_minus1 (16 px)
	w.ue(0); // pic_height_in_map_units_minus1 (16 px)
	w.bit(1); // frame_mbs_only_flag
	w.bit(1); // direct_8x8_inference_flag
	w.bit(0); // frame_cropping_flag
	w.bit(0); // vui_parameters_present_flag
	w.trailing();
	return nal(0x67, w.buffer());
}

function buildPps(): Buffer {
	const w = new BitWriter();
	w.ue(0); // pic_parameter_set_id
	w.ue(0); // seq_parameter_set_id
	w.bit(0); // entropy_coding_mode_flag (CAVLC)
	w.bit(0); // bottom_field_pic_order_in_frame_present_flag
	w.ue(0); // num_slice_groups_minus1
	w.ue(0); // num_ref_idx_l0_default_active_minus1
	w.ue(0); // num_ref_idx_l1_default_active_minus1
	w.bit(0); // weighted_pred_flag
	w.bits(0, 2); // weighted_bipred_idc
	w.se(0); // pic_init_qp_minus26
	w.se(0); // pic_init_qs_minus26
	w.se(0); // chroma_qp_index_offset
	w.bit(1); // deblocking_filter_control_present_flag
	w.bit(0); // constrained_intra_pred_flag
	w.bit(0); // redundant_pic_cnt_present_flag
	w.trailing();
	return nal(0x68, w.buffer());
}

function buildIdrSlice(): Buffer {
	const w = new BitWriter();
	w.ue(0); // first_mb_in_slice
	w.ue(7); // slice_type: I (all slices)
	w.ue(0); // pic_parameter_set_id
	w.bits(0, 4); // frame_num (log2_max_frame_num = 4)
	w.ue(0); // idr_pic_id
	w.bit(0); // no_output_of_prior_pics_flag
	w.bit(0); // long_term_reference_flag
	w.se(0); // slice_qp_delta
	w.ue(1); // disable_deblocking_filter_idc = 1
	w.ue(25); // mb_type: I_PCM
	w.align(); // pcm_alignment_zero_bits
	for (let i = 0; i < 256; i++) w.bits(0x6e, 8); // luma
	for (let i = 0; i < 64; i++) w.bits(0x5a, 8); // Cb
	for (let i = 0; i < 64; i++) w.bits(0xc8, 8); // Cr
	w.trailing(); // rbsp_slice_trailing_bits
	return nal(0x65, w.buffer());
}

function u8(v: number): Buffer {
	return Buffer.from([v & 0xff]);
}
function u16(v: number): Buffer {
	const b = Buffer.alloc(2);
	b.writeUInt16BE(v);
	return b;
}
function u32(v: number): Buffer {
	const b = Buffer.alloc(4);
	b.writeUInt32BE(v >>> 0);
	return b;
}
function box(type: string, ...parts: Buffer[]): Buffer {
	const body = Buffer.concat(parts);
	return Buffer.concat([u32(body.length + 8), Buffer.from(type, 'ascii'), body]);
}
function fullBox(type: string, version: number, flags: number, ...parts: Buffer[]): Buffer {
	return box(type, u32(((version & 0xff) << 24) | (flags & 0xffffff)), ...parts);
}
const MATRIX = Buffer.concat([0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000].map(u32));

function buildMoov(sampleSize: number, sampleOffset: number, sps: Buffer, pps: Buffer): Buffer {
	const timescale = 1000;
	const duration = 1000;
	const avcC = box(
		'avcC',
		u8(1),
		u8(66),
		u8(0xc0),
		u8(10),
		u8(0xff),
		u8(0xe1),
		u16(sps.length),
		sps,
		u8(1),
		u16(pps.length),
		pps,
	);
	const avc1 = box(
		'avc1',
		Buffer.alloc(6),
		u16(1), // data_reference_index
		Buffer.alloc(16), // pre_defined + reserved
		u16(16),
		u16(16),
		u32(0x00480000),
		u32(0x00480000),
		u32(0),
		u16(1), // frame_count
		Buffer.alloc(32), // compressorname
		u16(0x0018),
		u16(0xffff),
		avcC,
	);
	const stbl = box(
		'stbl',
		fullBox('stsd', 0, 0, u32(1), avc1),
		fullBox('stts', 0, 0, u32(1), u32(1), u32(duration)),
		fullBox('stss', 0, 0, u32(1), u32(1)),
		fullBox('stsc', 0, 0, u32(1), u32(1), u32(1), u32(1)),
		fullBox('stsz', 0, 0, u32(0), u32(1), u32(sampleSize)),
		fullBox('stco', 0, 0, u32(1), u32(sampleOffset)),
	);
	const minf = box(
		'minf',
		fullBox('vmhd', 0, 1, u16(0), u16(0), u16(0), u16(0)),
		box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))),
		stbl,
	);
	const mdia = box(
		'mdia',
		fullBox('mdhd', 0, 0, u32(0), u32(0), u32(timescale), u32(duration), u16(0x55c4), u16(0)),
		fullBox('hdlr', 0, 0, u32(0), Buffer.from('vide'), Buffer.alloc(12), Buffer.from('VideoHandler\0')),
		minf,
	);
	const tkhd = fullBox(
		'tkhd',
		0,
		3,
		u32(0),
		u32(0),
		u32(1), // track_ID
		u32(0),
		u32(duration),
		Buffer.alloc(8),
		u16(0),
		u16(0),
		u16(0),
		u16(0),
		MATRIX,
		u32(16 << 16),
		u32(16 << 16),
	);
	const mvhd = fullBox(
		'mvhd',
		0,
		0,
		u32(0),
		u32(0),
		u32(timescale),
		u32(duration),
		u32(0x00010000),
		u16(0x0100),
		Buffer.alloc(10),
		MATRIX,
		Buffer.alloc(24),
		u32(2), // next_track_ID
	);
	return box('moov', mvhd, box('trak', tkhd, mdia));
}

function buildMp4(): Buffer {
	const sps = buildSps();
	const pps = buildPps();
	const idr = buildIdrSlice();
	const sample = Buffer.concat([u32(idr.length), idr]);
	const ftyp = box('ftyp', Buffer.from('isom'), u32(512), Buffer.from('isomiso2avc1mp41'));
	const moovSize = buildMoov(sample.length, 0, sps, pps).length;
	const offset = ftyp.length + moovSize + 8;
	const moov = buildMoov(sample.length, offset, sps, pps);
	return Buffer.concat([ftyp, moov, box('mdat', sample)]);
}

function buildWav(): Buffer {
	const sampleRate = 8000;
	const data = Buffer.alloc(sampleRate * 2); // 1 s, mono, 16-bit silence
	const header = Buffer.alloc(44);
	header.write('RIFF', 0, 'ascii');
	header.writeUInt32LE(36 + data.length, 4);
	header.write('WAVE', 8, 'ascii');
	header.write('fmt ', 12, 'ascii');
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20); // PCM
	header.writeUInt16LE(1, 22); // mono
	header.writeUInt32LE(sampleRate, 24);
	header.writeUInt32LE(sampleRate * 2, 28);
	header.writeUInt16LE(2, 32);
	header.writeUInt16LE(16, 34);
	header.write('data', 36, 'ascii');
	header.writeUInt32LE(data.length, 40);
	return Buffer.concat([header, data]);
}

const PNG_1X1 = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64',
);

/** Duration in seconds of TINY_MP4 (and TINY_WAV). */
export const TINY_MEDIA_DURATION_S = 1;
export const TINY_MP4: Buffer = buildMp4();
export const TINY_WAV: Buffer = buildWav();
export const TINY_PNG: Buffer = PNG_1X1;

/** The stand-in file for an asset kind when its real bytes were not kept. */
export function sampleFor(kind: 'VIDEO' | 'AUDIO' | 'IMAGE'): { bytes: Buffer; contentType: string } {
	if (kind === 'AUDIO') return { bytes: TINY_WAV, contentType: 'audio/wav' };
	if (kind === 'IMAGE') return { bytes: TINY_PNG, contentType: 'image/png' };
	return { bytes: TINY_MP4, contentType: 'video/mp4' };
}

/** Top-level box types of an ISO-BMFF buffer (for tests). */
export function topLevelBoxes(buf: Buffer): string[] {
	const types: string[] = [];
	let off = 0;
	while (off + 8 <= buf.length) {
		const size = buf.readUInt32BE(off);
		types.push(buf.toString('ascii', off + 4, off + 8));
		if (size < 8) break;
		off += size;
	}
	return types;
}
