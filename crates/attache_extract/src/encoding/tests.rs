//! Tests of `encoding`.
use super::*;

#[test]
fn utf8_bom_is_removed_and_wins_over_declarations() {
    let bytes = b"\xef\xbb\xbf<meta charset=windows-1252><p>caf\xc3\xa9";
    let d = decode_detailed(bytes, Some("text/html; charset=iso-8859-2"));
    assert_eq!(d.text, "<meta charset=windows-1252><p>café");
    assert_eq!(d.encoding, "UTF-8");
    assert_eq!(d.source, EncodingSource::ByteOrderMark);
}

#[test]
fn utf16_little_and_big_endian_boms_decode() {
    let mut le = vec![0xff, 0xfe];
    let mut be = vec![0xfe, 0xff];
    for unit in "<p>Kyïv</p>".encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
        be.extend_from_slice(&unit.to_be_bytes());
    }
    assert_eq!(decode(&le, None), "<p>Kyïv</p>");
    assert_eq!(decode(&be, None), "<p>Kyïv</p>");
}

#[test]
fn utf16_without_bom_is_recognised_from_zero_bytes() {
    let mut le = Vec::new();
    for unit in "<html><body>Ankara talks resume</body></html>".encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
    }
    let d = decode_detailed(&le, None);
    assert_eq!(d.encoding, "UTF-16LE");
    assert!(d.text.starts_with("<html>"));
    assert_eq!(sniff(&le), InputKind::Html);
}

#[test]
fn http_charset_beats_meta_declaration() {
    let bytes = b"<meta charset=utf-8><p>\xe8\xe9";
    let d = decode_detailed(bytes, Some("text/html;charset=\"ISO-8859-2\""));
    assert_eq!(d.encoding, "ISO-8859-2");
    assert_eq!(d.text, "<meta charset=utf-8><p>čé");
}

#[test]
fn meta_charset_declares_windows_1252() {
    let bytes =
        b"<html><head><meta charset=\"windows-1252\"></head><p>\x93Quoted\x94 \x96 na\xefve";
    let d = decode_detailed(bytes, None);
    assert_eq!(d.source, EncodingSource::MetaTag);
    assert!(d.text.ends_with("<p>\u{201c}Quoted\u{201d} \u{2013} naïve"));
}

#[test]
fn meta_http_equiv_content_type_is_honoured() {
    let bytes = b"<head><META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=koi8-r'>\
                  </head><p>\xf0\xd2\xc1\xd7\xc4\xc1";
    let d = decode_detailed(bytes, None);
    assert_eq!(d.encoding, "KOI8-R");
    assert!(d.text.ends_with("Правда"));
}

#[test]
fn latin1_label_means_windows_1252_as_in_browsers() {
    let d = decode_detailed(b"<meta charset=latin1><p>\x80", None);
    assert_eq!(d.encoding, "windows-1252");
    assert!(d.text.ends_with('€'));
}

#[test]
fn iso_8859_labels_decode_their_own_letters() {
    let bytes = b"<meta charset=iso-8859-7><p>\xc1\xe8\xde\xed\xe1";
    assert!(decode(bytes, None).ends_with("Αθήνα"));
}

#[test]
fn meta_declaring_utf16_is_read_as_utf8() {
    let d = decode_detailed("<meta charset=utf-16><p>Zürich".as_bytes(), None);
    assert_eq!(d.encoding, "UTF-8");
    assert!(d.text.ends_with("Zürich"));
}

#[test]
fn meta_in_a_comment_is_ignored() {
    let bytes = b"<!-- <meta charset=koi8-r> --><meta charset=iso-8859-2><p>\xb1";
    assert_eq!(decode_detailed(bytes, None).encoding, "ISO-8859-2");
}

#[test]
fn page_labelled_latin1_but_valid_utf8_is_read_as_utf8() {
    let bytes = "<meta charset=iso-8859-1><p>Türkiye’s mediators".as_bytes();
    let d = decode_detailed(bytes, None);
    assert_eq!(d.encoding, "UTF-8");
    assert!(d.text.ends_with("Türkiye’s mediators"));
}

#[test]
fn undeclared_valid_utf8_is_borrowed() {
    let bytes = "<p>Doha — Qatar’s envoy".as_bytes();
    let d = decode_detailed(bytes, None);
    assert!(matches!(d.text, Cow::Borrowed(_)));
    assert_eq!(d.source, EncodingSource::Guessed);
}

#[test]
fn undeclared_invalid_utf8_falls_back_to_windows_1252() {
    let d = decode_detailed(b"<p>Caf\xe9 \x85", None);
    assert_eq!(d.encoding, "windows-1252");
    assert_eq!(d.text, "<p>Café …");
}

#[test]
fn invalid_bytes_in_declared_utf8_become_replacement_characters() {
    let d = decode_detailed(b"<p>ok \xff\xfe\xc3 end", Some("text/html; charset=utf-8"));
    assert!(d.had_errors);
    assert!(d.text.contains('\u{fffd}'));
    assert!(d.text.ends_with("end"));
}

#[test]
fn unknown_or_replacement_labels_fall_back_to_guessing() {
    let d = decode_detailed("<p>Zürich".as_bytes(), Some("text/html; charset=bogus-99"));
    assert_eq!(d.encoding, "UTF-8");
    let d = decode_detailed(
        "<p>Zürich".as_bytes(),
        Some("text/html; charset=iso-2022-kr"),
    );
    assert_eq!(d.encoding, "UTF-8");
}

#[test]
fn truncated_and_empty_inputs_do_not_panic() {
    for bytes in [
        &b""[..],
        b"<",
        b"<meta",
        b"<meta charset=",
        b"<meta charset='",
        b"\xff",
    ] {
        let _ = decode(bytes, Some("charset"));
        let _ = decode(bytes, Some("text/html; charset="));
        let _ = sniff(bytes);
    }
}

#[test]
fn charset_parameter_reads_quoted_and_bare_values() {
    assert_eq!(charset_parameter("text/html; charset=UTF-8"), Some("UTF-8"));
    assert_eq!(charset_parameter("text/html;CHARSET='gbk'"), Some("gbk"));
    assert_eq!(charset_parameter("text/html"), None);
}

#[test]
fn sniff_recognises_html_documents_and_fragments() {
    assert_eq!(sniff(b"  <!DOCTYPE html><title>x</title>"), InputKind::Html);
    assert_eq!(sniff(b"\xef\xbb\xbf<html lang=en>"), InputKind::Html);
    assert_eq!(
        sniff(b"<div class=story><p>Text</p></div>"),
        InputKind::Html
    );
    assert_eq!(sniff(b"<!-- saved page -->\n<HEAD>"), InputKind::Html);
}

#[test]
fn sniff_treats_prose_with_a_stray_angle_bracket_as_text() {
    let text = b"Ankara Talks Resume\n\nANKARA: Officials said 3 <5 delegates attended.\n";
    assert_eq!(sniff(text), InputKind::PlainText);
    assert_eq!(
        sniff("Türkiye hosts talks".as_bytes()),
        InputKind::PlainText
    );
    assert_eq!(sniff(b""), InputKind::PlainText);
}

#[test]
fn sniff_recognises_binary_formats() {
    assert_eq!(sniff(b"%PDF-1.7\n%\xe2\xe3"), InputKind::Binary);
    assert_eq!(
        sniff(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        InputKind::Binary
    );
    assert_eq!(sniff(b"\xff\xd8\xff\xe0\x00\x10JFIF"), InputKind::Binary);
    assert_eq!(sniff(b"GIF89a\x01\x00"), InputKind::Binary);
    assert_eq!(sniff(b"PK\x03\x04\x14\x00"), InputKind::Binary);
    assert_eq!(sniff(b"\x1f\x8b\x08\x00"), InputKind::Binary);
    assert_eq!(sniff(b"\x00\x00\x00\x18ftypmp42"), InputKind::Binary);
    assert_eq!(sniff(b"text then a \x00 zero byte"), InputKind::Binary);
}

#[test]
fn sniff_does_not_call_text_starting_like_a_magic_number_binary() {
    assert_eq!(sniff(b"MZ Holdings reported profits"), InputKind::PlainText);
    assert_eq!(sniff(b"ID3 tags explained\n\nText."), InputKind::PlainText);
}
