using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slots.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Webhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "webhook_subscriptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    types = table.Column<string[]>(type: "text[]", nullable: true),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    secret = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_subscriptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    retry_from = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_status_code = table.Column<int>(type: "integer", nullable: true),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    delivered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_deliveries", x => new { x.subscription_id, x.event_id });
                    table.CheckConstraint("ck_webhook_deliveries_status", "status IN ('pending', 'sending', 'delivered', 'failed')");
                    table.ForeignKey(
                        name: "FK_webhook_deliveries_webhook_subscriptions_subscription_id",
                        column: x => x.subscription_id,
                        principalTable: "webhook_subscriptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_due",
                table: "webhook_deliveries",
                column: "next_attempt_at",
                filter: "status IN ('pending', 'sending')");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_open",
                table: "webhook_deliveries",
                column: "subscription_id",
                filter: "status <> 'delivered'");

            // Outside the EF model (see WebhookDispatcher): where each subscription starts in the feed, the id of the
            // transaction that created it (the fan-out reads an event only once every older transaction has ended, so it sees
            // the subscription before any event of a later transaction); and the one row that says how far the events have
            // been made into deliveries.
            migrationBuilder.Sql("""
                ALTER TABLE webhook_subscriptions ADD COLUMN start_tx xid8 NOT NULL DEFAULT pg_current_xact_id();
                CREATE TABLE webhook_fanout (
                    id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
                    tx xid8 NOT NULL,
                    seq bigint NOT NULL);
                INSERT INTO webhook_fanout (tx, seq) VALUES ('0', 0);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE webhook_fanout;");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "webhook_subscriptions");
        }
    }
}
