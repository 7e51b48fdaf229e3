#include "cli/cli.h"

#include <signal.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "api/api.h"
#include "api/server.h"
#include "app/desks.h"
#include "app/hub.h"
#include "cli/config.h"
#include "cli/demo.h"
#include "cli/match_commands.h"
#include "cli/synth_command.h"
#include "cli/text_commands.h"
#include "cli/trends_command.h"
#include "core/crypto.h"

namespace crossroads::cli {

namespace {

int fail(const core::Status& st) {
  std::cerr << "crossroads: " << (st.field().empty() ? "" : st.field() + ": ") << st.message()
            << "\n";
  return 1;
}

app::AccountPolicy policy_for(const Config& config) {
  app::AccountPolicy p;
  p.session_idle_ms = static_cast<core::TimeMs>(config.session_idle_minutes) * 60 * 1000;
  p.session_absolute_ms = static_cast<core::TimeMs>(config.session_hours) * 3600 * 1000;
  return p;
}

std::string os_user() {
  const char* user = std::getenv("USER");
  return user && *user ? user : "operator";
}

// The operator at the command line, audited as "cli:<OS user>".
app::Actor operator_actor() {
  core::User u;
  u.username = "cli:" + os_user();
  return app::command_line_actor(u);
}

core::Result<core::User> find_user(app::Hub& hub, const std::string& username) {
  core::User user;
  CR_RETURN_IF_ERROR(hub.store->read([&](store::Transaction& tx) -> core::Status {
    auto found = tx.get_user_by_name(username);
    if (!found) {
      return found.status().code() == core::Code::kNotFound
                 ? core::invalid("there is no user '" + username + "'; see 'crossroads user list'")
                 : found.status();
    }
    user = std::move(found).value();
    return core::Status::ok();
  }));
  return user;
}

core::Result<std::string> read_password(bool from_stdin) {
  if (!from_stdin) return core::random_hex(10);
  std::string line;
  if (!std::getline(std::cin, line)) {
    return core::invalid("expected the password on the first line of standard input");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

core::Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::invalid("cannot read '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Builds the matcher's index from the store, showing progress on stderr.
// A server records the links found at start-up in the background, once the index answers.
core::Status build_index(app::Hub& hub,
                         app::Linker::Recording recording = app::Linker::Recording::kNow) {
  const auto started = std::chrono::steady_clock::now();
  std::size_t last_report = 0;
  CR_RETURN_IF_ERROR(hub.build_index(
      [&](std::size_t done, std::size_t total) {
        if (done - last_report < 100000 && done != total) return;
        last_report = done;
        std::cerr << "crossroads: indexing entities for matching: " << done;
        if (total) std::cerr << " of " << total;
        std::cerr << "\n";
      },
      recording));
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  std::cerr << "crossroads: matching index ready: " << hub.linker->matcher().size()
            << " entities in " << ms << " ms\n";
  return core::Status::ok();
}

sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGUSR1);
  return set;
}

void block_stop_signals() {
  const sigset_t set = stop_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

// Blocks SIGINT and SIGTERM in every thread and stops the server when one arrives.
class SignalWatcher {
 public:
  explicit SignalWatcher(api::Server& server) {
    // Block every signal the watcher waits for before any thread exists, so that all threads
    // inherit the mask and only sigwait() below ever receives them.
    set_ = stop_signals();
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
    thread_ = std::thread([this, &server] {
      int sig = 0;
      sigwait(&set_, &sig);
      if (sig == SIGUSR1) return;  // our own wake-up at shutdown
      std::cerr << "crossroads: stopping (signal " << sig << ")\n";
      server.stop();
    });
  }
  ~SignalWatcher() {
    pthread_kill(thread_.native_handle(), SIGUSR1);
    thread_.join();
  }

 private:
  sigset_t set_;
  std::thread thread_;
};

}  // namespace

int run(int argc, char** argv) {
  core::init_crypto();
  CLI::App cli{
      "Crossroads: the hub where national desks keep their migrant smuggling cases and learn "
      "when another country's case touches the same people, phones and accounts."};
  cli.set_version_flag("--version", std::string("crossroads ") + CROSSROADS_VERSION);
  cli.require_subcommand(1);

  Config config;
  std::string config_file;
  std::string data_dir_flag;
  cli.add_option("--config", config_file,
                 "Configuration file (default: <data dir>/crossroads.conf)");
  cli.add_option("--data-dir", data_dir_flag,
                 "Where the database lives (default ./var; env CROSSROADS_DATA_DIR)");

  // Resolves the configuration after parsing: defaults < file < environment < flags.
  auto resolve = [&]() -> core::Status {
    CR_RETURN_IF_ERROR(apply_environment(config));
    if (!data_dir_flag.empty()) config.data_dir = data_dir_flag;
    const bool explicit_file = !config_file.empty();
    const std::string file = explicit_file ? config_file : config.data_dir + "/crossroads.conf";
    Config from_file;
    from_file.data_dir = config.data_dir;
    CR_RETURN_IF_ERROR(apply_config_file(file, explicit_file, config));
    CR_RETURN_IF_ERROR(apply_environment(config));  // the environment wins over the file
    if (!data_dir_flag.empty()) config.data_dir = data_dir_flag;
    return core::Status::ok();
  };
  auto open_hub = [&]() -> core::Result<app::Hub> {
    CR_RETURN_IF_ERROR(resolve());
    CR_ASSIGN_OR_RETURN(app::Hub hub, app::Hub::open(config.data_dir, policy_for(config)));
    if (!config.trends_taxonomy.empty()) {  // a route taxonomy of one's own
      CR_ASSIGN_OR_RETURN(std::string text, read_file(config.trends_taxonomy));
      CR_ASSIGN_OR_RETURN(auto taxonomy, trends::Taxonomy::parse(text, config.trends_taxonomy));
      hub.trends->set_taxonomy(std::move(taxonomy));
    }
    return hub;
  };

  // serve
  auto* serve = cli.add_subcommand("serve", "Run the web server and API");
  std::string host_flag;
  int port_flag = -1;
  std::string port_file;
  std::string web_root_flag;
  serve->add_option("--host", host_flag, "Address to listen on (default 127.0.0.1)");
  serve->add_option("--port", port_flag, "Port (default 8080; 0 picks a free one)")
      ->check(CLI::Range(0, 65535));
  serve->add_option("--port-file", port_file, "Write the bound port to this file");
  serve->add_option("--web-root", web_root_flag, "Directory of the built web application");
  serve->callback([&] {
    // Block the stop signals before any thread starts (the matcher's worker, the HTTP pool),
    // so that only the watcher's sigwait() receives them.
    block_stop_signals();
    auto hub = open_hub();
    if (!hub) throw CLI::RuntimeError(fail(hub.status()));
    if (auto st = build_index(*hub, app::Linker::Recording::kInBackground); !st) {
      throw CLI::RuntimeError(fail(st));
    }
    if (!host_flag.empty()) config.host = host_flag;
    if (port_flag >= 0) config.port = port_flag;
    if (!web_root_flag.empty()) config.web_root = web_root_flag;
    api::ApiOptions api_options;
    api_options.secure_cookies = config.secure_cookies;
    api::Api api(*hub, api_options);
    api::ServerOptions server_options;
    server_options.host = config.host;
    server_options.port = config.port;
    server_options.port_file = port_file;
    server_options.web_root = config.web_root;
    api::Server server(api, server_options);
    SignalWatcher watcher(server);
    auto port = server.bind();
    if (!port) throw CLI::RuntimeError(fail(port.status()));
    std::cout << "Crossroads " << CROSSROADS_VERSION << " listening on http://" << config.host
              << ":" << *port << "  (" << hub->store->describe() << ")" << std::endl;
    if (auto st = server.serve(); !st) throw CLI::RuntimeError(fail(st));
  });

  // init
  auto* init =
      cli.add_subcommand("init", "Create the database, the desks and a first administrator");
  std::string desks_file;
  std::string admin_name = "admin";
  bool password_stdin = false;
  init->add_option("--desks", desks_file, "CSV of desks (code,name,group); default: built in");
  init->add_option("--admin", admin_name, "User name of the first administrator");
  init->add_flag("--password-stdin", password_stdin,
                 "Read the administrator's password from stdin");
  init->callback([&] {
    auto hub = open_hub();
    if (!hub) throw CLI::RuntimeError(fail(hub.status()));
    if (!desks_file.empty()) {
      auto text = read_file(desks_file);
      if (!text) throw CLI::RuntimeError(fail(text.status()));
      auto desks = app::parse_desks_csv(*text);
      if (!desks) {
        throw CLI::RuntimeError(fail(core::invalid(desks_file + ": " + desks.status().message())));
      }
      auto st = hub->store->write([&](store::Transaction& tx) -> core::Status {
        for (const auto& d : *desks) CR_RETURN_IF_ERROR(tx.upsert_desk(d));
        return core::Status::ok();
      });
      if (!st) throw CLI::RuntimeError(fail(st));
    }
    bool has_admin = false;
    auto st = hub->store->read([&](store::Transaction& tx) -> core::Status {
      CR_ASSIGN_OR_RETURN(auto users, tx.list_users());
      for (const auto& u : users) has_admin |= u.role == core::Role::kAdministrator;
      return core::Status::ok();
    });
    if (!st) throw CLI::RuntimeError(fail(st));
    std::cout << "Database ready: " << hub->store->describe() << "\n";
    if (has_admin) {
      std::cout << "An administrator exists already; nothing else to do.\n";
      return;
    }
    auto password = read_password(password_stdin);
    if (!password) throw CLI::RuntimeError(fail(password.status()));
    auto user = hub->accounts->create_user_unchecked(
        operator_actor(), {admin_name, "Administrator", *password, core::Role::kAdministrator, ""});
    if (!user) throw CLI::RuntimeError(fail(user.status()));
    std::cout << "Administrator '" << admin_name << "' created";
    if (!password_stdin) std::cout << " with password: " << *password;
    std::cout << "\n";
  });

  // demo
  auto* demo = cli.add_subcommand("demo", "Load the demo cases and users (idempotent)");
  demo->callback([&] {
    auto hub = open_hub();
    if (!hub) throw CLI::RuntimeError(fail(hub.status()));
    if (auto st = load_demo(*hub, std::cout); !st) throw CLI::RuntimeError(fail(st));
  });

  // synth
  add_synth_command(cli, open_hub);
  add_trends_command(cli, open_hub);  // trends import / sources / shifts

  // user
  auto* user = cli.add_subcommand("user", "Manage accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Create an account");
  std::string new_username;
  std::string new_role;
  std::string new_desk;
  std::string new_display;
  bool add_password_stdin = false;
  user_add->add_option("username", new_username, "User name")->required();
  user_add
      ->add_option("--role", new_role,
                   "administrator, secretariat, national_member, prosecutor, analyst, observer")
      ->required();
  user_add->add_option("--desk", new_desk, "Desk code (ISO 3166, e.g. IT); not for administrators");
  user_add->add_option("--name", new_display, "Display name (default: the user name)");
  user_add->add_flag("--password-stdin", add_password_stdin, "Read the password from stdin");
  user_add->callback([&] {
    auto hub = open_hub();
    if (!hub) throw CLI::RuntimeError(fail(hub.status()));
    auto role = core::parse_role(new_role);
    if (!role)
      throw CLI::RuntimeError(fail(core::invalid("'" + new_role + "' is not a role", "--role")));
    auto password = read_password(add_password_stdin);
    if (!password) throw CLI::RuntimeError(fail(password.status()));
    auto made = hub->accounts->create_user_unchecked(
        operator_actor(), {new_username, new_display.empty() ? new_username : new_display,
                           *password, *role, new_desk});
    if (!made) throw CLI::RuntimeError(fail(made.status()));
    std::cout << "User '" << made->username << "' created (id " << made->id << ")";
    if (!add_password_stdin) std::cout << " with password: " << *password;
    std::cout << "\n";
  });
  auto* user_list = user->add_subcommand("list", "List accounts");
  user_list->callback([&] {
    auto hub = open_hub();
    if (!hub) throw CLI::RuntimeError(fail(hub.status()));
    auto st = hub->store->read([&](store::Transaction& tx) -> core::Status {
      CR_ASSIGN_OR_RETURN(auto users, tx.list_users());
      for (const auto& u : users) {
        std::cout << u.id << "\t" << u.username << "\t" << core::role_name(u.role) << "\t"
                  << (u.desk.empty() ? "-" : u.desk) << "\t" << (u.disabled ? "disabled" : "active")
                  << "\t" << u.display_name << "\n";
      }
      return core::Status::ok();
    });
    if (!st) throw CLI::RuntimeError(fail(st));
  });
  auto* user_passwd = user->add_subcommand("passwd", "Set a user's password");
  std::string passwd_user;
  bool passwd_stdin = false;
  user_passwd->add_option("username", passwd_user, "User name")->required();
  user_passwd->add_flag("--password-stdin", passwd_stdin, "Read the password from stdin");
  auto* user_disable = user->add_subcommand("disable", "Disable an account (ends its sessions)");
  std::string disable_user;
  user_disable->add_option("username", disable_user, "User name")->required();
  auto change_user = [&](const std::string& username, const app::UserChange& change,
                         const char* done) {
    auto hub = open_hub();
    if (!hub) throw CLI::RuntimeError(fail(hub.status()));
    auto target = find_user(*hub, username);
    if (!target) throw CLI::RuntimeError(fail(target.status()));
    // The operator acts with administrator rights at the console.
    core::User op;
    op.username = "cli:" + os_user();
    op.role = core::Role::kAdministrator;
    auto changed = hub->accounts->update_user(app::command_line_actor(op), target->id, change);
    if (!changed) throw CLI::RuntimeError(fail(changed.status()));
    std::cout << "User '" << username << "' " << done << "\n";
  };
  user_passwd->callback([&] {
    auto password = read_password(passwd_stdin);
    if (!password) throw CLI::RuntimeError(fail(password.status()));
    app::UserChange change;
    change.password = *password;
    change_user(passwd_user, change, "has a new password");
    if (!passwd_stdin) std::cout << "New password: " << *password << "\n";
  });
  user_disable->callback([&] {
    app::UserChange change;
    change.disabled = true;
    change_user(disable_user, change, "disabled");
  });

  // desk list
  auto* desk = cli.add_subcommand("desk", "Desks");
  desk->require_subcommand(1);
  desk->add_subcommand("list", "List the desks")->callback([&] {
    auto hub = open_hub();
    if (!hub) throw CLI::RuntimeError(fail(hub.status()));
    auto st = hub->store->read([&](store::Transaction& tx) -> core::Status {
      CR_ASSIGN_OR_RETURN(auto desks, tx.list_desks());
      for (const auto& d : desks) std::cout << d.code << "\t" << d.name << "\t" << d.group << "\n";
      return core::Status::ok();
    });
    if (!st) throw CLI::RuntimeError(fail(st));
  });

  // case list
  auto* case_cmd = cli.add_subcommand("case", "Cases");
  case_cmd->require_subcommand(1);
  auto* case_list = case_cmd->add_subcommand("list", "List cases (reference, desk, stage, title)");
  std::string list_desk;
  case_list->add_option("--desk", list_desk, "Only this desk's cases");
  case_list->callback([&] {
    auto hub = open_hub();
    if (!hub) throw CLI::RuntimeError(fail(hub.status()));
    const app::Actor actor = operator_actor();
    auto st = hub->store->write([&](store::Transaction& tx) -> core::Status {
      store::CaseQuery q;
      q.unrestricted = true;
      q.owner_desk = list_desk;
      q.sort = "desk";
      q.descending = false;
      q.page.limit = 1'000'000;
      CR_ASSIGN_OR_RETURN(auto listing, tx.list_cases(q));
      for (const auto& c : listing.items) {
        std::cout << c.id << "\t" << c.desk << "\t" << c.reference << "\t" << c.stage << "\t"
                  << c.entity_count << " entities\t" << c.title << "\n";
      }
      return app::audit(tx, *hub->clock, actor, "case.list", "cases", 0, "ok",
                        std::to_string(listing.total) + " cases listed at the console");
    });
    if (!st) throw CLI::RuntimeError(fail(st));
  });

  // import / export
  std::string case_ref;
  std::string case_desk;
  std::string as_user;
  auto resolve_case = [&](app::Hub& hub, app::Actor& actor) -> core::Result<core::Case> {
    CR_ASSIGN_OR_RETURN(actor.user, find_user(hub, as_user));
    const std::string desk_code = case_desk.empty() ? actor.user.desk : case_desk;
    return hub.cases->find_case(actor, desk_code, case_ref);
  };
  auto* import = cli.add_subcommand("import", "Import entities into a case");
  import->require_subcommand(1);
  auto* import_ftm = import->add_subcommand("ftm", "FollowTheMoney JSON lines (all or nothing)");
  std::string import_file;
  import_ftm->add_option("file", import_file, "File of FtM JSON lines ('-' for stdin)")->required();
  import_ftm->add_option("--case", case_ref, "Case reference")->required();
  import_ftm->add_option("--desk", case_desk, "Desk owning the case (default: the user's desk)");
  import_ftm->add_option("--as", as_user, "Import as this user (access is checked and audited)")
      ->required();
  import_ftm->callback([&] {
    auto hub = open_hub();
    if (!hub) throw CLI::RuntimeError(fail(hub.status()));
    app::Actor actor = operator_actor();
    auto c = resolve_case(*hub, actor);
    if (!c) throw CLI::RuntimeError(fail(c.status()));
    // Hits of the imported entities reach the desks at once.
    if (auto st = build_index(*hub); !st) throw CLI::RuntimeError(fail(st));
    std::string text;
    if (import_file == "-") {
      std::ostringstream ss;
      ss << std::cin.rdbuf();
      text = ss.str();
    } else {
      auto read = read_file(import_file);
      if (!read) throw CLI::RuntimeError(fail(read.status()));
      text = std::move(read).value();
    }
    std::cerr << "Importing " << text.size() / 1024 << " KiB into case " << c->reference << "...\n";
    auto report = hub->cases->import_ftm(actor, c->id, text, "import:ftm:" + import_file);
    if (!report) throw CLI::RuntimeError(fail(report.status()));
    hub->linker->flush();
    if (!report->errors.empty()) {
      for (const auto& e : report->errors) std::cerr << import_file << ": " << e << "\n";
      std::cerr << "crossroads: nothing was imported; fix the lines above and run again\n";
      throw CLI::RuntimeError(1);
    }
    std::cout << "Imported into " << c->desk << " " << c->reference << ": " << report->created
              << " created, " << report->updated << " updated, " << report->unchanged
              << " unchanged\n";
  });
  auto* export_cmd = cli.add_subcommand("export", "Export a case's entities");
  export_cmd->require_subcommand(1);
  auto* export_ftm = export_cmd->add_subcommand("ftm", "FollowTheMoney JSON lines");
  std::string output_file;
  export_ftm->add_option("--case", case_ref, "Case reference")->required();
  export_ftm->add_option("--desk", case_desk, "Desk owning the case (default: the user's desk)");
  export_ftm->add_option("--as", as_user, "Export as this user (access is checked and audited)")
      ->required();
  export_ftm->add_option("-o,--output", output_file, "Write to this file (default: stdout)");
  export_ftm->callback([&] {
    auto hub = open_hub();
    if (!hub) throw CLI::RuntimeError(fail(hub.status()));
    app::Actor actor = operator_actor();
    auto c = resolve_case(*hub, actor);
    if (!c) throw CLI::RuntimeError(fail(c.status()));
    auto lines = hub->cases->export_ftm(actor, c->id);
    if (!lines) throw CLI::RuntimeError(fail(lines.status()));
    if (output_file.empty()) {
      std::cout << *lines;
    } else {
      std::ofstream out(output_file, std::ios::binary);
      out << *lines;
      if (!out) throw CLI::RuntimeError(fail(core::invalid("cannot write '" + output_file + "'")));
    }
  });

  // audit verify
  auto* audit_cmd = cli.add_subcommand("audit", "The audit trail");
  audit_cmd->require_subcommand(1);
  audit_cmd->add_subcommand("verify", "Check the hash chain of the audit trail")->callback([&] {
    auto hub = open_hub();
    if (!hub) throw CLI::RuntimeError(fail(hub.status()));
    auto v = hub->audit->verify_unchecked();
    if (!v) throw CLI::RuntimeError(fail(v.status()));
    if (!v->intact) {
      std::cerr << "crossroads: the audit trail is BROKEN at record " << v->first_bad_seq << ": "
                << v->problem << "\n";
      throw CLI::RuntimeError(3);
    }
    std::cout << "The audit trail is intact: " << v->records << " records, head hash "
              << v->head_hash << "\n"
              << "(Keep the head hash somewhere else: a later verify that does not reach it "
                 "means records were cut from the end.)\n";
  });

  // normalize, extract
  add_text_commands(cli);
  add_match_commands(cli);  // compare, link, eval

  // backup
  auto* backup = cli.add_subcommand("backup", "Write a consistent copy of the database (online)");
  std::string backup_file;
  backup->add_option("file", backup_file, "Destination file (must not exist)")->required();
  backup->callback([&] {
    auto hub = open_hub();
    if (!hub) throw CLI::RuntimeError(fail(hub.status()));
    if (auto st = hub->store->backup(backup_file); !st) throw CLI::RuntimeError(fail(st));
    std::cout << "Backup written to " << backup_file << "\n";
  });

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  return 0;
}

}  // namespace crossroads::cli
