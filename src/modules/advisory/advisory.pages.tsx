import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../messages.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Role } from '../../platform/authz/roles.ts';
import { setFlash } from '../../platform/http/context.ts';
import { ConflictError, type FieldError, NotFoundError } from '../../platform/http/errors.ts';
import { handleForm, idParam, pageParam, queryFilters } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { isLang, type Lang } from '../../platform/i18n/i18n.ts';
import { pdfAvailable } from '../../platform/pdf/pdf.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { allAgencies } from '../identity/public.ts';
import * as metrics from './advisory.metrics.ts';
import { ADVISORY_ROLES, advisoryPolicy, METRICS_ROLES, OFFICE_ROLES } from './advisory.policy.ts';
import * as svc from './advisory.service.ts';
import { type RequestStatus, requestStatuses, type Severity, severities } from './advisory.tables.ts';
import * as edits from './edits.service.ts';
import { searchKnowledge } from './knowledge.service.ts';
import { meetingIcs, meetingView } from './meetings.pages.service.ts';
import * as meetings from './meetings.service.ts';
import { queue, team, workspace } from './queue.service.ts';
import { reportPdf, reportView } from './report.service.tsx';
import { FindingFormPage, FindingPage } from './views/finding.views.tsx';
import { KnowledgePage } from './views/knowledge.views.tsx';
import { type MeetingForm, MeetingPage, MinutesEditPage } from './views/meeting.views.tsx';
import { MetricsPage } from './views/metrics.views.tsx';
import { QueuePage, RequestFormPage } from './views/queue.views.tsx';
import { ReportPage } from './views/report.views.tsx';
import { AssignmentPage, CommentEditPage, type FormName, RequestPage } from './views/request.views.tsx';
import { TeamPage } from './views/team.views.tsx';

// The advisory console: the queue, the request form, one request's workspace (triage, assignment,
// discussion, tasks, findings and responses, delivery and closure), the team and the metrics.

type Values = Record<string, unknown>;
/** Requests per page of the queue (every request's clocks are read, so the attention count covers them all). */
const QUEUE_PAGE = 50;
const access = (roles: readonly Role[]) => ({ config: { access: { roles } } });

export async function advisoryPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const everyone = access(ADVISORY_ROLES);
  const office = access(OFFICE_ROLES);
  const agencyAdmin = access(['agency_admin']);
  const activeAgencies = async () => (await allAgencies(deps)).filter((a) => a.status === 'active');

  app.get('/console/advisory', everyone, async (req, reply) => {
    const { status } = queryFilters(req, ['status']);
    const wanted = (requestStatuses as readonly string[]).includes(status ?? '') ? (status as RequestStatus) : undefined;
    const rows = await queue(deps, req.ctx, wanted);
    const page = pageParam(req);
    return sendPage(
      req,
      reply,
      <QueuePage
        rows={rows.slice((page - 1) * QUEUE_PAGE, page * QUEUE_PAGE)}
        total={rows.length}
        attention={rows.filter((r) => r.clocks.standing === 'overdue' || r.clocks.standing === 'at_risk').length}
        page={page}
        hasNext={rows.length > page * QUEUE_PAGE}
        status={wanted}
        agencies={new Map((await allAgencies(deps)).map((a) => [a.id, a]))}
        can={{
          office: advisoryPolicy.office(req.actor),
          metrics: advisoryPolicy.metrics(req.actor),
          knowledge: advisoryPolicy.office(req.actor) || advisoryPolicy.advisor(req.actor),
        }}
      />,
    );
  });

  const requestForm = async (req: FastifyRequest, values: Values, errors?: FieldError[]) => {
    const mine = new Set(
      req.actor.kind === 'user' ? req.actor.memberships.filter((m) => m.role === 'agency_admin').map((m) => m.agencyId) : [],
    );
    return <RequestFormPage values={values} errors={errors} agencies={(await activeAgencies()).filter((a) => mine.has(a.id))} />;
  };
  app.get('/console/advisory/new', agencyAdmin, async (req, reply) => sendPage(req, reply, await requestForm(req, { urgency: 'normal' })));
  app.post('/console/advisory/new', agencyAdmin, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => `/console/advisory/${(await svc.submitRequest(deps, req.ctx, values)).id}`,
      flash: 'advisory.flash.submitted',
      rerender: (errors) => requestForm(req, values, errors),
    });
  });

  const teamPage = async (req: FastifyRequest, values: Values = {}, errors?: FieldError[]) => (
    <TeamPage
      members={await team(deps, req.ctx)}
      candidates={await svc.advisorUsers(deps)}
      agencies={await activeAgencies()}
      canManage={advisoryPolicy.manageTeam(req.actor)}
      values={values}
      errors={errors}
    />
  );
  app.get('/console/advisory/team', office, async (req, reply) => sendPage(req, reply, await teamPage(req)));
  app.post('/console/advisory/team', access(['program_admin']), async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await svc.addAdvisor(deps, req.ctx, values);
        return '/console/advisory/team';
      },
      flash: 'advisory.flash.saved',
      rerender: (errors) => teamPage(req, values, errors),
    });
  });

  app.get('/console/advisory/metrics', access(METRICS_ROLES), async (req, reply) => {
    const [byType, byAgency, sla, bySeverity, accepted, onTime] = await Promise.all([
      metrics.requestsByType(deps),
      metrics.requestsByAgency(deps),
      metrics.slaCompliance(deps),
      metrics.findingsBySeverity(deps),
      metrics.findingsAcceptedShare(deps),
      metrics.followupsClosedOnTimeShare(deps),
    ]);
    return sendPage(
      req,
      reply,
      <MetricsPage
        byType={byType}
        byAgency={byAgency}
        sla={sla}
        bySeverity={bySeverity}
        accepted={accepted}
        onTime={onTime}
        agencies={new Map((await allAgencies(deps)).map((a) => [a.id, a]))}
      />,
    );
  });

  app.get('/console/advisory/knowledge', access([...OFFICE_ROLES, 'advisor']), async (req, reply) => {
    const { q = '', severity } = queryFilters(req, ['q', 'severity']);
    const wanted = (severities as readonly string[]).includes(severity ?? '') ? (severity as Severity) : undefined;
    return sendPage(
      req,
      reply,
      <KnowledgePage
        q={q}
        severity={wanted}
        result={await searchKnowledge(deps, req.ctx, q, wanted)}
        agencies={new Map((await allAgencies(deps)).map((a) => [a.id, a]))}
        linkRequests={advisoryPolicy.office(req.actor)}
      />,
    );
  });
  app.post('/console/advisory/:id/anonymise', office, async (req, reply) => {
    const id = idParam(req);
    await svc.setAnonymised(deps, req.ctx, id, formValues(req.body).anonymised === 'yes');
    setFlash(req, reply, 'advisory.flash.saved');
    return reply.redirect(`/${req.lang}/console/advisory/${id}`, 303);
  });

  const requestPage = async (req: FastifyRequest, form?: FormName, values?: Values, errors?: FieldError[]) => (
    <RequestPage w={await workspace(deps, req.ctx, idParam(req))} form={form} values={values} errors={errors} />
  );
  app.get('/console/advisory/:id', everyone, async (req, reply) => sendPage(req, reply, await requestPage(req)));
  app.get('/console/advisory/:id/report', everyone, async (req, reply) =>
    sendPage(req, reply, <ReportPage w={await reportView(deps, req.ctx, idParam(req))} pdf={pdfAvailable(deps.config.chromiumPath)} />),
  );

  /** The agency's edit of its request while the office triages it. */
  const editPage = async (req: FastifyRequest, values?: Values, errors?: FieldError[]) => {
    const w = await workspace(deps, req.ctx, idParam(req));
    authorize(w.access.actForAgency);
    if (w.request.status !== 'submitted' && w.request.status !== 'info_requested') throw new ConflictError('advisory.error.status');
    const r = w.request;
    const current = {
      type: r.type,
      title: r.title,
      question: r.question,
      urgency: r.urgency,
      services: w.services.map((x) => x.identifier).join(', '),
    };
    return <RequestFormPage values={values ?? current} errors={errors} agencies={[]} edit={{ id: r.id, title: r.title }} />;
  };
  app.get('/console/advisory/:id/edit', agencyAdmin, async (req, reply) => sendPage(req, reply, await editPage(req)));
  app.post('/console/advisory/:id/edit', agencyAdmin, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await edits.editRequest(deps, req.ctx, id, values);
        return `/console/advisory/${id}`;
      },
      flash: 'advisory.flash.saved',
      rerender: (errors) => editPage(req, values, errors),
    });
  });

  /** A form on the request's page: on success back to the page with a notice, else the page with the errors. */
  const action = (
    path: string,
    roles: readonly Role[],
    form: FormName,
    run: (id: number, req: FastifyRequest, values: Values) => Promise<unknown>,
    flash: MessageKey = 'advisory.flash.saved',
  ) =>
    app.post(`/console/advisory/:id/${path}`, access(roles), async (req, reply) => {
      const id = idParam(req);
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          await run(id, req, values);
          return `/console/advisory/${id}`;
        },
        flash,
        rerender: (errors) => requestPage(req, form, values, errors),
      });
    });
  const agency: Role[] = ['agency_admin'];
  action('info', OFFICE_ROLES, 'info', (id, req, v) => svc.requestInfo(deps, req.ctx, id, v));
  action('answer', agency, 'answer', (id, req, v) => svc.answerInfo(deps, req.ctx, id, v));
  action('decline', OFFICE_ROLES, 'decline', (id, req, v) => svc.declineRequest(deps, req.ctx, id, v));
  action('accept', OFFICE_ROLES, 'accept', (id, req, v) => svc.acceptRequest(deps, req.ctx, id, v));
  action('assign', OFFICE_ROLES, 'assign', (id, req, v) => svc.assignAdvisor(deps, req.ctx, id, v));
  /** The office's page to replace an assigned advisor or remove a reviewer. */
  const assignmentPage = async (req: FastifyRequest, form?: 'replace' | 'remove', values?: Values, errors?: FieldError[]) => {
    const w = await workspace(deps, req.ctx, idParam(req));
    authorize(w.access.office);
    const assignmentId = sub('assignment', req);
    if (!w.assignments.some((a) => a.id === assignmentId)) throw new NotFoundError();
    if (w.request.status !== 'accepted' && w.request.status !== 'delivered') throw new ConflictError('advisory.error.status');
    return <AssignmentPage w={w} assignmentId={assignmentId} form={form} values={values} errors={errors} />;
  };
  app.get('/console/advisory/:id/assignments/:assignment', office, async (req, reply) => sendPage(req, reply, await assignmentPage(req)));
  for (const [path, run] of [
    ['replace', svc.replaceAdvisor],
    ['remove', svc.removeReviewer],
  ] as const)
    app.post(`/console/advisory/:id/assignments/:assignment/${path}`, office, async (req, reply) => {
      const id = idParam(req);
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          await run(deps, req.ctx, id, sub('assignment', req), values);
          return `/console/advisory/${id}`;
        },
        flash: 'advisory.flash.saved',
        rerender: (errors) => assignmentPage(req, path, values, errors),
      });
    });
  action('comments', ADVISORY_ROLES, 'comment', (id, req, v) => svc.addComment(deps, req.ctx, id, v));
  action('tasks', ['program_admin', 'program_reviewer', 'advisor'], 'task', (id, req, v) => svc.addTask(deps, req.ctx, id, v));
  const findingForm = async (req: FastifyRequest, values: Values, errors?: FieldError[]) => {
    const w = await workspace(deps, req.ctx, idParam(req));
    authorize(w.access.assignment !== null);
    return <FindingFormPage w={w} values={values} errors={errors} />;
  };
  app.get('/console/advisory/:id/findings/new', access(['advisor']), async (req, reply) =>
    sendPage(req, reply, await findingForm(req, {})),
  );
  app.post('/console/advisory/:id/findings', access(['advisor']), async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await svc.addFinding(deps, req.ctx, id, values);
        return `/console/advisory/${id}`;
      },
      flash: 'advisory.flash.saved',
      rerender: (errors) => findingForm(req, values, errors),
    });
  });
  action('deliver', ['advisor'], 'deliver', (id, req, v) => svc.deliver(deps, req.ctx, id, v));
  action('documents', ADVISORY_ROLES, 'document', (id, req, v) => svc.uploadDocument(deps, req.ctx, id, v));
  action('close', agency, 'close', (id, req, v) => svc.closeRequest(deps, req.ctx, id, v), 'advisory.flash.closed');

  const sub = (name: string, req: FastifyRequest) => idParam(req, name);
  app.post('/console/advisory/:id/tasks/:task/done', access(['program_admin', 'program_reviewer', 'advisor']), async (req, reply) => {
    const id = idParam(req);
    return handleForm(req, reply, {
      action: async () => {
        await svc.completeTask(deps, req.ctx, id, sub('task', req));
        return `/console/advisory/${id}`;
      },
      flash: 'advisory.flash.saved',
      rerender: (errors) => requestPage(req, undefined, {}, errors),
    });
  });
  const findingPage = async (req: FastifyRequest, form?: 'response' | 'followup', values?: Values, errors?: FieldError[]) => {
    const w = await workspace(deps, req.ctx, idParam(req));
    const finding = w.findings.find((f) => f.id === sub('finding', req));
    if (!finding) throw new NotFoundError();
    return <FindingPage w={w} finding={finding} form={form} values={values} errors={errors} />;
  };
  app.get('/console/advisory/:id/findings/:finding', everyone, async (req, reply) => sendPage(req, reply, await findingPage(req)));
  const findingAction = (
    path: string,
    roles: readonly Role[],
    form: 'response' | 'followup',
    run: (id: number, findingId: number, req: FastifyRequest, values: Values) => Promise<unknown>,
  ) =>
    app.post(`/console/advisory/:id/findings/:finding/${path}`, access(roles), async (req, reply) => {
      const id = idParam(req);
      const findingId = sub('finding', req);
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          await run(id, findingId, req, values);
          return `/console/advisory/${id}`;
        },
        flash: 'advisory.flash.saved',
        rerender: (errors) => findingPage(req, form, values, errors),
      });
    });
  action('classify', OFFICE_ROLES, 'classify', (id, req, v) => edits.classifyRequest(deps, req.ctx, id, v));
  const commentPage = async (req: FastifyRequest, values?: Values, errors?: FieldError[]) => {
    const { request, comment } = await edits.editableComment(deps, req.ctx, idParam(req), sub('comment', req));
    return (
      <CommentEditPage
        request={request}
        comment={comment}
        values={values ?? { body: comment.body, anchor: comment.anchor ?? undefined }}
        errors={errors}
      />
    );
  };
  app.get('/console/advisory/:id/comments/:comment/edit', everyone, async (req, reply) => sendPage(req, reply, await commentPage(req)));
  app.post('/console/advisory/:id/comments/:comment/edit', everyone, async (req, reply) => {
    const id = idParam(req);
    const commentId = sub('comment', req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await edits.editComment(deps, req.ctx, id, commentId, values);
        return `/console/advisory/${id}#comment-${commentId}`;
      },
      flash: 'advisory.flash.saved',
      rerender: (errors) => commentPage(req, values, errors),
    });
  });
  action('meetings', ['program_admin', 'program_reviewer', 'advisor'], 'meeting', (id, req, v) =>
    meetings.scheduleMeeting(deps, req.ctx, id, v),
  );
  const meetingPage = async (req: FastifyRequest, form?: MeetingForm, values?: Values, errors?: FieldError[]) => (
    <MeetingPage v={await meetingView(deps, req.ctx, idParam(req), sub('meeting', req))} form={form} values={values} errors={errors} />
  );
  app.get('/console/advisory/:id/meetings/:meeting', everyone, async (req, reply) => sendPage(req, reply, await meetingPage(req)));
  const teamRoles: Role[] = ['program_admin', 'program_reviewer', 'advisor'];
  /** A form on the meeting's page: on success back to the page with a notice, else the page with the errors. */
  const meetingAction = (
    path: string,
    form: MeetingForm,
    run: (id: number, meetingId: number, req: FastifyRequest, values: Values) => Promise<unknown>,
  ) =>
    app.post(`/console/advisory/:id/meetings/:meeting/${path}`, access(teamRoles), async (req, reply) => {
      const id = idParam(req);
      const meetingId = sub('meeting', req);
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          await run(id, meetingId, req, values);
          return `/console/advisory/${id}/meetings/${meetingId}`;
        },
        flash: 'advisory.flash.saved',
        rerender: (errors) => meetingPage(req, form, values, errors),
      });
    });
  meetingAction('minutes', 'minutes', (id, m, req, v) => meetings.recordMinutes(deps, req.ctx, id, m, v));
  meetingAction('reschedule', 'reschedule', (id, m, req, v) => meetings.rescheduleMeeting(deps, req.ctx, id, m, v));
  meetingAction('cancel', 'cancel', (id, m, req, v) => meetings.cancelMeeting(deps, req.ctx, id, m, v));
  meetingAction('attendees', 'attendees', (id, m, req, v) => meetings.changeAttendees(deps, req.ctx, id, m, v));
  const minutesEditPage = async (req: FastifyRequest, values?: Values, errors?: FieldError[]) => {
    const id = idParam(req);
    const meetingId = sub('meeting', req);
    await meetings.editableMinutes(deps, req.ctx, id, meetingId);
    return <MinutesEditPage v={await meetingView(deps, req.ctx, id, meetingId)} values={values} errors={errors} />;
  };
  app.get('/console/advisory/:id/meetings/:meeting/minutes/edit', access(teamRoles), async (req, reply) =>
    sendPage(req, reply, await minutesEditPage(req)),
  );
  app.post('/console/advisory/:id/meetings/:meeting/minutes/edit', access(teamRoles), async (req, reply) => {
    const id = idParam(req);
    const meetingId = sub('meeting', req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await meetings.editMinutes(deps, req.ctx, id, meetingId, values);
        return `/console/advisory/${id}/meetings/${meetingId}`;
      },
      flash: 'advisory.flash.saved',
      rerender: (errors) => minutesEditPage(req, values, errors),
    });
  });
  findingAction('response', agency, 'response', (id, f, req, v) => svc.respondToFinding(deps, req.ctx, id, f, v));
  findingAction('followup', OFFICE_ROLES, 'followup', (id, f, req, v) => svc.closeFollowup(deps, req.ctx, id, f, v));
}

/** A request's document as a file, not a page: registered once, without a language prefix. */
export async function documentRoutes(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  app.get(
    '/console/advisory/:id/documents/:document',
    { config: { access: { roles: ADVISORY_ROLES } }, schema: { hide: true } },
    async (req, reply) => {
      const doc = await svc.documentFile(deps, req.ctx, idParam(req), idParam(req, 'document'));
      return reply
        .header('content-disposition', `attachment; filename="advisory-${doc.request_id}-document-${doc.id}-v${doc.version}.${doc.ext}"`)
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex, nofollow')
        .type(doc.mime)
        .send(deps.storage.stream(doc.storage_key));
    },
  );
  // The advisory report as PDF, in the language ?lang= names (Arabic unless it says en).
  app.get(
    '/console/advisory/:id/report.pdf',
    { config: { access: { roles: ADVISORY_ROLES } }, schema: { hide: true } },
    async (req, reply) => {
      const q = (req.query ?? {}) as Record<string, unknown>;
      const lang: Lang = typeof q.lang === 'string' && isLang(q.lang) ? q.lang : 'ar';
      const file = await reportPdf(deps, req.ctx, idParam(req), lang);
      return reply
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'private, no-store')
        .header('x-robots-tag', 'noindex, nofollow')
        .type('application/pdf')
        .send(file.body);
    },
  );
  app.get(
    '/console/advisory/:id/meetings/:meeting/invite.ics',
    { config: { access: { roles: ADVISORY_ROLES } }, schema: { hide: true } },
    async (req, reply) => {
      const id = idParam(req);
      const meetingId = idParam(req, 'meeting');
      const body = await meetingIcs(deps, req.ctx, id, meetingId);
      return reply
        .header('content-disposition', `attachment; filename="advisory-${id}-meeting-${meetingId}.ics"`)
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex, nofollow')
        .type('text/calendar; charset=utf-8')
        .send(body);
    },
  );
}
