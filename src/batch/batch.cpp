// Batch rendering: records are read (streamed for JSON Lines and CSV), sharded, named, and
// rendered by worker threads; every file goes to a temporary name and is renamed when complete.
// File names are assigned in record order by the reading thread, so output never depends on -j.
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "batch/batch.hpp"
#include "batch/data_options.hpp"
#include "batch/progress.hpp"
#include "batch/records_attachment.hpp"
#include "batch/safe_name.hpp"
#include "core/atomic_file.hpp"
#include "core/atomic_stream.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "data/record.hpp"
#include "flow/compose.hpp"
#include "font/font_book.hpp"
#include "layout/layout.hpp"
#include "pdf/pdf_stream.hpp"
#include "ofd/ofd_writer.hpp"
#include "pdf/pdf_writer.hpp"
#include "xlsx/xlsx_writer.hpp"

namespace gongwen {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// A record's failure from its Error: the location comes from the Error's fields, the record
/// number from the run (an error of the document data names no record of its own).
RecordFailure failure_of(const std::string& data, size_t record, const Error& e) {
  RecordFailure f;
  f.data = data;
  f.record = record;
  f.kind = e.kind();
  f.field = e.field();
  f.line = e.line();
  f.message = e.what();
  return f;
}

bool in_shard(size_t index, const BatchOptions& o) { return (index - 1) % o.shards == o.shard - 1; }

void write_errors_json(const fs::path& out_dir, const std::vector<RecordFailure>& failures) {
  json list = json::array();
  for (const auto& f : failures)
    list.push_back({{"data", f.data}, {"record", f.record}, {"kind", to_string(f.kind)}, {"field", f.field}, {"message", f.message}});
  write_file_atomic(out_dir / "errors.json", list.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
}

/// Whether the run's PDFs are PDF/A-3u (--pdfa or the layout's [document] pdfa).
bool pdfa_of(const BatchContext& impl, const OutputFormats& formats) {
  return formats.pdf && (formats.pdfa || impl.layout->pdfa);
}

/// Writes the PDF / OFD / XLSX of one bound document under `stem`. `archive`: the PDF/A attachments
/// (the records); the workbook joins them when both are written.
std::vector<fs::path> write_outputs(const BatchContext& impl, const BoundDocument& bound, const fs::path& out_dir,
                                    const std::string& stem, const OutputFormats& formats, unsigned jobs,
                                    pdf::PdfArchive archive, std::optional<Document> laid_out = {},
                                    std::vector<xlsx::SheetPlan> sheet_plans = {}, bool xlsx_summary_only = false) {
  std::vector<fs::path> files;
  // The files of one document appear together or not at all: a workbook that fails takes the
  // finished PDF with it. A PDF/A file carries the workbook: it is written first.
  OutputSet out;
  const fs::path xlsx_path = out_dir / (stem + ".xlsx");
  if (formats.xlsx && formats.pdf && archive.enabled) {
    write_xlsx(*impl.layout, bound, impl.fonts, out, xlsx_path, jobs, std::move(sheet_plans), xlsx_summary_only,
               impl.options.temp_dir);
    archive.files.push_back(workbook_attachment(out.temporary_of(xlsx_path), stem));
  }
  std::string pdf_bytes, ofd_bytes, dump_text;
  if (formats.pdf || formats.dump || formats.ofd) {
    Document doc = laid_out ? std::move(*laid_out) : paginate(*impl.layout, bound, jobs);
    laid_out.reset();
    if (formats.dump) dump_text = dump(doc);
    if (formats.ofd) ofd_bytes = render_ofd(doc, jobs);
    if (formats.pdf) pdf_bytes = render_pdf(std::move(doc), jobs, archive);
  }
  if (formats.pdf) {
    files.push_back(out_dir / (stem + ".pdf"));
    out.write(files.back(), pdf_bytes);
    std::string().swap(pdf_bytes);
  }
  if (formats.ofd) {
    files.push_back(out_dir / (stem + ".ofd"));
    out.write(files.back(), ofd_bytes);
    std::string().swap(ofd_bytes);
  }
  if (formats.xlsx) {
    files.push_back(xlsx_path);
    if (!(formats.pdf && archive.enabled))
      write_xlsx(*impl.layout, bound, impl.fonts, out, xlsx_path, jobs, std::move(sheet_plans), xlsx_summary_only,
                 impl.options.temp_dir);
  }
  if (formats.dump) {
    files.push_back(out_dir / (stem + ".dump.txt"));
    out.write(files.back(), dump_text);
  }
  out.commit();
  return files;
}

bool outputs_exist(const fs::path& out_dir, const std::string& stem, const OutputFormats& f) {
  auto has = [&](const char* ext) { return fs::exists(out_dir / (stem + ext)); };
  return (!f.pdf || has(".pdf")) && (!f.ofd || has(".ofd")) && (!f.xlsx || has(".xlsx")) && (!f.dump || has(".dump.txt"));
}

struct Task {
  std::shared_ptr<const json> document;
  std::string data_name;
  Record record;
  std::string stem;
};

class SplitRun {
 public:
  SplitRun(const BatchContext& impl, const BatchOptions& o, BatchResult& result, Progress& progress)
      : impl_(impl), o_(o), result_(result), progress_(progress) {}

  void run() {
    const unsigned jobs = o_.jobs == 0 ? default_jobs() : o_.jobs;
    std::vector<std::thread> workers;
    for (unsigned i = 0; i < jobs; ++i) workers.emplace_back([this] { work(); });
    std::exception_ptr reader_error;
    try {
      read_all(jobs);
    } catch (...) {
      reader_error = std::current_exception();
    }
    {
      std::lock_guard lock(mu_);
      done_reading_ = true;
    }
    cv_.notify_all();
    for (auto& w : workers) w.join();
    if (reader_error) std::rethrow_exception(reader_error);
  }

 private:
  void read_all(unsigned jobs) {
    const Template name = o_.name_template.empty() ? Template::parse("{{index}}") : Template::parse(o_.name_template);
    UniqueNames names;
    for (const auto& path : o_.data) {
      auto source = open_records(path, data_options_for(o_.data_options, *impl_.layout));
      std::shared_ptr<const json> document;
      const std::string data_name = path.string();
      while (!stopped()) {
        std::optional<Record> rec = source->next();
        if (!rec) break;
        if (!document) document = std::make_shared<const json>(source->document());
        if (!in_shard(rec->index, o_)) continue;
        progress_.add_total(1);
        std::string stem;
        try {
          std::string raw;
          for (const auto& p : name.render(TemplateContext{&rec->fields, document.get(), rec->index})) raw += p;
          stem = names.claim(safe_stem(raw, "record-" + std::to_string(rec->index)));
        } catch (const BindError& e) {
          fail(failure_of(data_name, rec->index, Error(ErrorKind::Data, record_error(data_name, rec->index, e.field, e.what()))));
          continue;
        }
        {
          std::lock_guard lock(mu_);
          ++result_.records;
        }
        if (o_.skip_existing && outputs_exist(o_.out_dir, stem, o_.formats)) {
          std::lock_guard lock(mu_);
          ++result_.skipped;
          progress_.advance();
          continue;
        }
        std::unique_lock lock(mu_);
        // A bounded queue keeps memory flat however many records stream in.
        space_.wait(lock, [&] { return queue_.size() < 4 * static_cast<size_t>(jobs) || stop_; });
        if (stop_) break;
        queue_.push_back(Task{document, data_name, std::move(*rec), std::move(stem)});
        cv_.notify_one();
      }
    }
  }

  void work() {
    for (;;) {
      std::optional<Task> task;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return !queue_.empty() || done_reading_ || stop_; });
        if (stop_ || queue_.empty()) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      space_.notify_one();
      try {
        DocumentInput in;
        in.document = task->document.get();
        in.records = {&task->record.fields};
        in.indices = {task->record.index};
        in.data_name = task->data_name;
        in.creation_time = creation_time(*impl_.layout, impl_.options.creation_time);
        BoundDocument bound = bind_document(*impl_.layout, in);
        pdf::PdfArchive archive;
        if (pdfa_of(impl_, o_.formats)) {
          RecordsAttachment records(*task->document);
          records.add(task->record.fields);
          archive = {true, {records.finish(task->stem)}};
        }
        auto files = write_outputs(impl_, bound, o_.out_dir, task->stem, o_.formats, 1, std::move(archive));
        std::lock_guard lock(mu_);
        ++result_.rendered;
        result_.files.insert(result_.files.end(), files.begin(), files.end());
      } catch (const Error& e) {
        if (e.kind() == ErrorKind::Io) {
          fail_hard(std::current_exception());
          return;
        }
        fail(failure_of(task->data_name, task->record.index, e));
      }
      progress_.advance();
    }
  }

  void fail(RecordFailure f) {
    std::lock_guard lock(mu_);
    result_.failures.push_back(std::move(f));
    if (!o_.keep_going) {
      stop_ = true;
      cv_.notify_all();
      space_.notify_all();
    }
  }
  void fail_hard(std::exception_ptr e) {
    std::lock_guard lock(mu_);
    if (!hard_error_) hard_error_ = e;
    stop_ = true;
    cv_.notify_all();
    space_.notify_all();
  }
  bool stopped() {
    std::lock_guard lock(mu_);
    return stop_;
  }

 public:
  std::exception_ptr hard_error() const { return hard_error_; }

 private:
  const BatchContext& impl_;
  const BatchOptions& o_;
  BatchResult& result_;
  Progress& progress_;
  std::mutex mu_;
  std::condition_variable cv_, space_;
  std::deque<Task> queue_;
  bool done_reading_ = false, stop_ = false;
  std::exception_ptr hard_error_;
};

/// Front or back matter with generated rows or aggregates may read every record: it is bound
/// over all of them before the first page is placed, so such a run cannot be streamed.
bool head_reads_records(const Layout& layout) {
  for (const auto* blocks : {&layout.front, &layout.back})
    for (const Block& b : *blocks)
      if (const auto* t = std::get_if<TableBlock>(&b))
        for (const RowSpec& r : t->rows)
          if (r.for_each || r.aggregate_of >= 0) return true;
  return false;
}

/// One document for a data file: the (shard's) records bound and measured in parallel a window at
/// a time, then placed in order; bad records dropped (keep_going) or the first one reported
/// (returns false: the run stops).
/// A PDF alone is streamed: records are read a window at a time and completed pages written to a
/// spool at once, so memory stays flat however many records there are. A workbook needs every
/// record (and their count) first, a dump or an OFD the whole document.
bool combine_file(const BatchContext& impl, const BatchOptions& o, const fs::path& path, unsigned jobs,
                  BatchResult& result, Progress& progress) {
  const std::string data_name = path.string();
  auto source = open_records(path, data_options_for(o.data_options, *impl.layout));
  if (auto n = source->size_hint()) progress.add_total(*n / o.shards);
  const std::string stem = path.stem().string();
  const bool streamed = o.formats.pdf && !o.formats.xlsx && !o.formats.dump && !o.formats.ofd && !head_reads_records(*impl.layout);
  const size_t window_size = 16 * size_t{jobs};
  std::vector<Record> records;
  auto read = [&](size_t max, bool keep = true) {  // appends up to `max` records of the shard
    size_t n = 0;
    while (n < max) {
      std::optional<Record> r = source->next();
      if (!r) break;
      if (!in_shard(r->index, o)) continue;
      if (keep) records.push_back(std::move(*r));
      ++n;
    }
    result.records += n;
    return n;
  };
  if (o.skip_existing && outputs_exist(o.out_dir, stem, o.formats)) {
    const size_t before = result.records;
    read(SIZE_MAX, false);
    result.skipped += result.records - before;
    return true;
  }
  read(streamed ? window_size : SIZE_MAX);
  // Every record is bound and measured on its own before it is placed (official blocks
  // included), so a bad one is found and named before anything is written.
  DocumentInput in;
  in.document = &source->document();
  in.data_name = data_name;
  in.creation_time = creation_time(*impl.layout, impl.options.creation_time);
  std::vector<std::optional<BoundRecord>> bound(window_size);
  std::vector<std::vector<std::pair<const BoundTable*, MeasuredTable>>> measured(window_size);
  std::vector<std::optional<Error>> errors(window_size);
  // Record sheets are planned here too, in parallel, so a record only a sheet can fail on is
  // reported like any other.
  const bool plan_sheets = o.formats.xlsx && xlsx_has_record_sheets(*impl.layout, records.size());
  std::vector<xlsx::SheetPlan> plans(plan_sheets ? window_size : 0);
  // Metadata, and the front and back matter over every record read (all of them when the head
  // reads records: such a run is not streamed).
  DocumentInput all = in;
  for (const Record& r : records) {
    all.records.push_back(&r.fields);
    all.indices.push_back(r.index);
  }
  BoundDocument doc = bind_head(*impl.layout, all);
  // Records go through in windows: measured in parallel, placed in order, their measurements
  // then released, so memory does not grow with the measurements of the whole run.
  const bool paged = o.formats.pdf || o.formats.dump || o.formats.ofd;
  MeasureCache placing;  // the tables of the record being placed
  std::optional<PageFlow> flow;
  if (paged) flow.emplace(*impl.layout, doc, &placing, !streamed);
  std::optional<PdfStreamWriter> writer;
  if (streamed) writer.emplace(o.out_dir, jobs);
  // PDF/A: the placed records, in order, attached to the PDF (spooled: a combined run is large).
  std::optional<RecordsAttachment> attached;
  if (pdfa_of(impl, o.formats)) attached.emplace(source->document(), &o.out_dir);
  std::vector<xlsx::SheetPlan> good_plans;
  auto bind_one = [&](size_t i, size_t k) {
    try {
      const RecordOrigin origin{data_name, records[i].index};
      bound[k] = bind_record(*impl.layout, records[i].fields, *in.document, origin);
      // Measurements are keyed by this record's tables: they are placed before it moves.
      // A workbook-only run lays its cells out itself: measuring for pages would be wasted.
      if (paged)
        for (const auto& blk : bound[k]->blocks)
          if (auto* t = std::get_if<BoundTable>(&blk))
            measured[k].emplace_back(t, measure_table(*t, impl.layout->page.type_width(), origin));
      if (plan_sheets) plans[k] = xlsx::plan_record_sheet(*impl.layout, *bound[k], impl.fonts, data_name);
    } catch (const Error& e) {
      errors[k] = e;
    }
    progress.advance();
  };
  size_t placed = 0;
  // (Binding the next window while this one is placed measured no faster on 2 cores.)
  for (size_t lo = 0;; ) {
    if (lo == records.size()) {
      if (!streamed) break;
      records.clear();  // nothing refers to them once placed (no workbook)
      lo = 0;
      if (read(window_size) == 0) break;
    }
    const size_t hi = std::min(records.size(), lo + window_size);
    parallel_for(hi - lo, jobs, [&, lo](size_t k) { bind_one(lo + k, k); });
    for (size_t i = lo; i < hi; ++i) {
      const size_t k = i - lo;
      if (errors[k]) {
        result.failures.push_back(failure_of(data_name, records[i].index, *errors[k]));
        errors[k].reset();
        if (!o.keep_going) return false;
        continue;
      }
      if (plan_sheets) good_plans.push_back(std::move(plans[k]));
      for (auto& [t, m] : measured[k]) placing.emplace(t, std::move(m));
      std::vector<std::pair<const BoundTable*, MeasuredTable>>().swap(measured[k]);
      if (flow) flow->add(*bound[k]);
      if (attached) attached->add(records[i].fields);
      placing.clear();
      ++placed;
      // Bound, the record's data is no longer read; the workbook keeps its bound record.
      records[i].fields = json();
      if (o.formats.xlsx) doc.records.push_back(std::move(*bound[k]));
      bound[k].reset();
    }
    if (writer) writer->add_pages(flow->completed());
    lo = hi;
  }
  std::optional<Document> laid_out;
  if (flow) laid_out = flow->finish();
  std::vector<fs::path> files;
  pdf::PdfArchive archive;
  if (attached) archive = {true, {attached->finish(stem)}};
  if (writer) {
    files.push_back(o.out_dir / (stem + ".pdf"));
    AtomicFileWriter out(files.back());
    writer->finish(*laid_out, [&out](std::string_view bytes) { out.write(bytes); }, archive);
    out.commit();
  } else {
    // Sheets were planned (and their records validated) only when the input fits the record-sheet
    // limit: a workbook of more records stays summary-only, even if failures bring it under.
    files = write_outputs(impl, doc, o.out_dir, stem, o.formats, jobs, std::move(archive), std::move(laid_out),
                          std::move(good_plans), o.formats.xlsx && !plan_sheets);
  }
  result.rendered += placed;
  result.files.insert(result.files.end(), files.begin(), files.end());
  return true;
}

void run_combined(const BatchContext& impl, const BatchOptions& o, BatchResult& result, Progress& progress) {
  const unsigned jobs = o.jobs == 0 ? default_jobs() : o.jobs;
  for (const auto& path : o.data)
    if (!combine_file(impl, o, path, jobs, result, progress)) return;
}

/// Combined output is OUT/<data file stem>.<ext>: two data files with one stem (d1/records.json
/// and d2/records.json, or names one case-insensitive file system takes for the same) would
/// write the same files, the second silently replacing the first. Refused before anything runs.
void check_combined_names(const BatchOptions& o) {
  std::map<std::string, const fs::path*> seen;
  for (const auto& p : o.data) {
    auto [it, fresh] = seen.emplace(name_key(p.stem().string()), &p);
    if (!fresh)
      throw Error(ErrorKind::Usage, "data files " + it->second->string() + " and " + p.string() + " would both be written to " +
                                        (o.out_dir / it->second->stem()).string() +
                                        ".*; render them into separate output folders (-o) or rename one (or use --split)");
  }
}

}  // namespace

BatchResult run_batch(const BatchContext& context, const BatchOptions& options) {
  BatchOptions o = options;
  if (o.jobs == 0) o.jobs = context.options.threads;
  if (o.shards == 0 || o.shard < 1 || o.shard > o.shards)
    throw Error(ErrorKind::Usage, "shard " + std::to_string(o.shard) + "/" + std::to_string(o.shards) + " is out of range");
  if (!o.split) check_combined_names(o);
  const auto start = std::chrono::steady_clock::now();
  std::error_code ec;
  fs::create_directories(o.out_dir, ec);
  if (ec) throw Error(ErrorKind::Io, o.out_dir.string() + ": cannot create output folder: " + ec.message());
  remove_stale_temporaries(o.out_dir);  // leftovers of a killed run
  BatchResult result;
  Progress progress(o.progress);
  if (o.split) {
    SplitRun run(context, o, result, progress);
    run.run();
    if (run.hard_error()) std::rethrow_exception(run.hard_error());
  } else {
    run_combined(context, o, result, progress);
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::sort(result.failures.begin(), result.failures.end(),
            [](const RecordFailure& a, const RecordFailure& b) { return std::tie(a.data, a.record) < std::tie(b.data, b.record); });
  std::sort(result.files.begin(), result.files.end());
  if (o.keep_going) {
    if (!result.failures.empty()) write_errors_json(o.out_dir, result.failures);
    else fs::remove(o.out_dir / "errors.json", ec);  // a resumed run that is now clean
  } else if (!result.failures.empty()) {
    throw result.failures.front().error();
  }
  return result;
}

}  // namespace gongwen
