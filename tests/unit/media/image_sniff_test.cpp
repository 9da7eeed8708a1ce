#include "media/image_sniff.hpp"

#include <gtest/gtest.h>

#include <string>

#include "image_bytes.hpp"

namespace comptoir::media {
namespace {

using namespace std::string_literals;
namespace bytes = test;

std::optional<ImageRefusal> refusal_of(const std::string& file) {
  auto sniffed = sniff_image(file);
  return sniffed ? std::nullopt : std::optional(sniffed.error());
}

struct Sample {
  const char* name;
  std::string file;
  ImageFormat format;
};

std::vector<Sample> samples() {
  return {{"jpeg", bytes::jpeg(), ImageFormat::jpeg},
          {"png", bytes::png(), ImageFormat::png},
          {"gif", bytes::gif(), ImageFormat::gif},
          {"webp", bytes::webp(), ImageFormat::webp},
          {"avif", bytes::avif(), ImageFormat::avif}};
}

TEST(ImageSniff, TellsEachFormatAndItsSizeFromTheBytes) {
  for (const auto& sample : samples()) {
    auto sniffed = sniff_image(sample.file);
    ASSERT_TRUE(sniffed) << sample.name << ": " << code(sniffed.error());
    EXPECT_EQ(sniffed->format, sample.format) << sample.name;
    EXPECT_EQ(sniffed->width, 16) << sample.name;
    EXPECT_EQ(sniffed->height, 12) << sample.name;
  }
  EXPECT_EQ(sniff_image(bytes::webp(1000, 700))->width, 1000);
  EXPECT_EQ(sniff_image(bytes::jpeg(4000, 3000))->height, 3000);
}

TEST(ImageSniff, AnythingAfterTheEndIsAPolyglotAndAnEarlyEndIsTruncated) {
  for (const auto& sample : samples()) {
    for (const std::string& tail : {"\0"s, "x"s, "<html><script>alert(1)</script></html>"s,
                                    "PK\x03\x04 a zip appended"s, sample.file})
      EXPECT_EQ(refusal_of(sample.file + tail), ImageRefusal::polyglot) << sample.name << tail;
    for (std::size_t cut : {1u, 2u, 5u})
      EXPECT_EQ(refusal_of(sample.file.substr(0, sample.file.size() - cut)),
                ImageRefusal::truncated)
          << sample.name << " cut by " << cut;
  }
  EXPECT_EQ(refusal_of(bytes::jpeg().substr(0, 30)), ImageRefusal::truncated);
  EXPECT_EQ(refusal_of(bytes::png().substr(0, 20)), ImageRefusal::truncated);
}

TEST(ImageSniff, HtmlOrScriptInsideAnImageIsAPolyglot) {
  EXPECT_EQ(refusal_of(bytes::jpeg(16, 12, bytes::segment(0xFE, "<script src=//evil></script>"))),
            ImageRefusal::polyglot);
  EXPECT_EQ(
      refusal_of(bytes::png(16, 12, bytes::png_chunk("tEXt", "c\0<?php system($_GET[0]); ?>"s))),
      ImageRefusal::polyglot);
  EXPECT_EQ(refusal_of(bytes::gif(16, 12, "\x21\xFE\x0E<BODY onload=x\x00"s)),
            ImageRefusal::polyglot);
  for (std::string marker : {"<ScRiPt", "<iframe", "<OBJECT", "<embed", "<!DOCTYPE", "<html>",
                             "<body ", "<?php\n", "JavaScript:", "onerror=", "onLoad="})
    EXPECT_EQ(refusal_of(bytes::jpeg(16, 12, bytes::segment(0xFE, "x" + marker + "y"))),
              ImageRefusal::polyglot)
        << marker;
  // Text that merely looks alike, as in XMP or a caption, passes.
  for (std::string text : {"<x:xmpmeta xmlns:x='adobe:ns:meta/'>", "<htmlish", "on error", "<svg",
                           "<?xpacket begin='' ?>", "Théière <b>"})
    EXPECT_TRUE(sniff_image(bytes::jpeg(16, 12, bytes::segment(0xFE, text)))) << text;
}

TEST(ImageSniff, ASizeOverTheLimitIsRefusedFromTheHeaderAlone) {
  // A PNG header claiming 100 000 × 100 000 pixels, with a few bytes of "pixels".
  EXPECT_EQ(refusal_of(bytes::png(100'000, 100'000)), ImageRefusal::too_large);
  EXPECT_EQ(refusal_of(bytes::png(8000, 8000)), ImageRefusal::too_large);  // 64 megapixels
  EXPECT_EQ(refusal_of(bytes::jpeg(65'535, 65'535)), ImageRefusal::too_large);
  EXPECT_EQ(refusal_of(bytes::gif(65'535, 1000)), ImageRefusal::too_large);
  EXPECT_EQ(refusal_of(bytes::webp(16'384, 16'384)), ImageRefusal::too_large);
  EXPECT_EQ(refusal_of(bytes::avif(50'000, 50'000)), ImageRefusal::too_large);
  EXPECT_EQ(refusal_of(bytes::png(70'000, 10)), ImageRefusal::too_large);  // a side too long
  EXPECT_TRUE(sniff_image(bytes::png(8000, 5000)));                        // exactly 40 MP
  EXPECT_EQ(refusal_of(bytes::png(0, 10)), ImageRefusal::damaged);
  EXPECT_EQ(refusal_of(bytes::jpeg(16, 0)), ImageRefusal::damaged);
  EXPECT_EQ(sniff_image(bytes::png(200, 200), 100 * 100).error(), ImageRefusal::too_large);
}

TEST(ImageSniff, BrokenStructuresAreDamaged) {
  auto no_scan =
      "\xFF\xD8"s + bytes::segment(0xC0, "\x08\0\x10\0\x10\x01\x01\x11\x00"s) + "\xFF\xD9"s;
  EXPECT_EQ(refusal_of(no_scan), ImageRefusal::damaged);
  auto two_frames = bytes::jpeg(16, 12, bytes::segment(0xC2, "\x08\0\x10\0\x10\x01\x01\x11\x00"s));
  EXPECT_EQ(refusal_of(two_frames), ImageRefusal::damaged);
  EXPECT_EQ(refusal_of("\xFF\xD8\xFF\xE0\x00\x01"s + "\xFF\xD9"s), ImageRefusal::damaged);
  auto no_idat = "\x89PNG\r\n\x1A\n"s +
                 bytes::png_chunk("IHDR", bytes::be32(1) + bytes::be32(1) + "\x08\x02\0\0\0"s) +
                 bytes::png_chunk("IEND", "");
  EXPECT_EQ(refusal_of(no_idat), ImageRefusal::damaged);
  EXPECT_EQ(refusal_of(bytes::png(16, 12, bytes::png_chunk("IHDR", "x"))), ImageRefusal::damaged);
  EXPECT_EQ(refusal_of("GIF89a"s + bytes::le16(1) + bytes::le16(1) + "\0\0\0\x3B"s),
            ImageRefusal::damaged);  // no frame
  EXPECT_EQ(refusal_of("RIFF"s + bytes::le32(12) + "WEBPVP8X" + bytes::le32(0)),
            ImageRefusal::damaged);
  EXPECT_EQ(refusal_of(bytes::box("ftyp", "avif\0\0\0\0"s) + bytes::box("mdat", "x")),
            ImageRefusal::damaged);  // no meta, no size
}

TEST(ImageSniff, AJpegMayCarryTheImagesItsMpfIndexAnnounces) {
  auto mpf = bytes::segment(0xE2, "MPF\0II*\0"s);
  auto with_gain_map = bytes::jpeg(16, 12, mpf) + bytes::jpeg(8, 6);
  auto sniffed = sniff_image(with_gain_map);
  ASSERT_TRUE(sniffed) << code(sniffed.error());
  EXPECT_EQ(sniffed->width, 16);
  EXPECT_EQ(refusal_of(bytes::jpeg() + bytes::jpeg()), ImageRefusal::polyglot);  // no index
  EXPECT_EQ(refusal_of(with_gain_map + "x"), ImageRefusal::polyglot);
  EXPECT_EQ(refusal_of(bytes::jpeg(16, 12, mpf) + bytes::png()), ImageRefusal::polyglot);
}

TEST(ImageSniff, OlderAvifBrandsPassAndHeicIsNotTaken) {
  EXPECT_TRUE(sniff_image(bytes::avif(16, 12, "mif1")));  // avif among the compatible brands
  auto heic = bytes::box("ftyp", "heic\0\0\0\0mif1heic"s) + bytes::box("mdat", "x");
  EXPECT_EQ(refusal_of(heic), ImageRefusal::type);
}

TEST(ImageSniff, WhatIsNotAnImageIsNamed) {
  EXPECT_EQ(refusal_of(""), ImageRefusal::empty);
  for (const std::string& file :
       {"\x7F"
        "ELF\x02\x01\x01"s,
        "MZ\x90\0\3\0"s, "#!/bin/sh\nrm -rf /\n"s, "\xCF\xFA\xED\xFE"s, "\0asm\1\0\0\0"s})
    EXPECT_EQ(refusal_of(file), ImageRefusal::executable) << file;
  std::string tar(512, '\0');
  tar.replace(257, 5, "ustar");
  for (const std::string& file : {"PK\x03\x04\x14\0"s, "\x1F\x8B\x08\0"s, "BZh91AY"s,
                                  "7z\xBC\xAF\x27\x1C"s, "Rar!\x1A\x07\0"s,
                                  "\xFD"
                                  "7zXZ\0"s,
                                  "\x28\xB5\x2F\xFD"s, tar})
    EXPECT_EQ(refusal_of(file), ImageRefusal::archive) << file;
  for (const std::string& file :
       {"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"s, "<?xml version='1.0'?>"s,
        "\n  <!DOCTYPE html><html>"s, "\xEF\xBB\xBF<svg/>"s, "\xFF\xFE<\0s\0v\0g\0"s})
    EXPECT_EQ(refusal_of(file), ImageRefusal::markup) << file;
  for (const std::string& file :
       {"%PDF-1.7"s, "BM\x36\0\0\0"s, "II*\0"s, "hello"s, "RIFF\x04\0\0\0WAVE"s})
    EXPECT_EQ(refusal_of(file), ImageRefusal::type) << file;
}

TEST(ImageSniff, RefusalsHaveStableCodes) {
  EXPECT_EQ(code(ImageRefusal::polyglot), "polyglot");
  EXPECT_EQ(code(ImageRefusal::too_large), "too_large");
  EXPECT_EQ(code(ImageRefusal::empty), "empty");
  EXPECT_EQ(name(ImageFormat::avif), "avif");
}

}  // namespace
}  // namespace comptoir::media
