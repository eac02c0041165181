//! tantivy, the reference Rust search library, as the peer `search-latency` prints beside our
//! search: the same generated threads and queries, in this process, BM25 over the same fields
//! (title, question, answers; the title boosted as our ranking weighs it) with English stems,
//! the index merged into one segment, the best 10 by score.

use std::time::{Duration, Instant};

use peerhelp_api::CommunityThread;
use peerhelp_server::error::AppError;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, IndexReader, TantivyDocument, doc};

/// Our ranking weighs a title word five times a question word (`RankingParams::title_weight`).
const TITLE_BOOST: f32 = 5.0;
/// The indexing memory budget; one thread, so documents keep their order.
const WRITER_MEMORY: usize = 200 << 20;

pub struct Peer {
    reader: IndexReader,
    parser: QueryParser,
}

fn failed(error: tantivy::TantivyError) -> AppError {
    AppError::Internal(format!("tantivy: {error}"))
}

impl Peer {
    /// Indexes `threads` in memory and merges the result into one segment.
    pub fn build(threads: &[CommunityThread]) -> Result<Peer, AppError> {
        let mut schema = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let title = schema.add_text_field("title", text.clone());
        let body = schema.add_text_field("body", text.clone());
        let answers = schema.add_text_field("answers", text);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index
            .writer_with_num_threads::<TantivyDocument>(1, WRITER_MEMORY)
            .map_err(failed)?;
        for thread in threads {
            let answer_text: Vec<&str> = thread.answers.iter().map(|a| a.body.as_str()).collect();
            writer
                .add_document(doc!(
                    title => thread.title.as_str(),
                    body => thread.body.as_str(),
                    answers => answer_text.join("\n"),
                ))
                .map_err(failed)?;
        }
        writer.commit().map_err(failed)?;
        let segments = index.searchable_segment_ids().map_err(failed)?;
        if segments.len() > 1 {
            writer.merge(&segments).wait().map_err(failed)?;
        }
        writer.wait_merging_threads().map_err(failed)?;
        let reader = index.reader().map_err(failed)?;
        let mut parser = QueryParser::for_index(&index, vec![title, body, answers]);
        parser.set_field_boost(title, TITLE_BOOST);
        Ok(Peer { reader, parser })
    }

    /// The time each query takes, parsed leniently (visitors' text is not query syntax) and
    /// answered with its 10 best threads.
    pub fn search_all(&self, queries: &[String]) -> Result<Vec<Duration>, AppError> {
        let searcher = self.reader.searcher();
        let collector = TopDocs::with_limit(10).order_by_score();
        queries
            .iter()
            .map(|query| {
                let one = Instant::now();
                let (parsed, _errors) = self.parser.parse_query_lenient(query);
                std::hint::black_box(searcher.search(&parsed, &collector).map_err(failed)?);
                Ok(one.elapsed())
            })
            .collect()
    }
}
