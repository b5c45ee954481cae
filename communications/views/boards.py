"""Best-practice board pages (R17): boards, search, threads and replies, endorsements, follows,
reports and moderation. Boards are NHS-wide; a thread's buttons post to their own addresses, and a GET
there shows the thread."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from communications import access, forms, presenters, selectors, services
from communications.models import Board
from leadership.web import REFUSED, posted, render_form_page, submit

PAGE_SIZE = 20


@login_required
def board_list(request):
    boards = access.boards(request.user)
    return render(
        request,
        "communications/board_list.html",
        {
            "groups": presenters.board_groups(boards),
            "search": forms.SearchForm(),
            "is_moderator": access.is_moderator(request.user),
            "open_reports": access.open_reports(request.user).count(),
        },
    )


@login_required
def board_detail(request, slug):
    board = get_object_or_404(access.boards(request.user), slug=slug)
    threads = selectors.threads_search(access.threads(request.user), board=board)
    page = Paginator(threads, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "communications/board_detail.html", {"board": board, "page": page})


@login_required
def board_search(request):
    form = forms.SearchForm(request.GET or None)
    threads, query = None, ""
    if form.is_valid() and (form.cleaned_data["q"] or form.cleaned_data["tag"]):
        threads = selectors.threads_search(
            access.threads(request.user), query=form.cleaned_data["q"], tag=form.cleaned_data["tag"]
        )
        params = request.GET.copy()
        params.pop("page", None)
        query = params.urlencode()
    page = Paginator(threads, PAGE_SIZE).get_page(request.GET.get("page")) if threads is not None else None
    return render(request, "communications/board_search.html", {"form": form, "page": page, "query": query})


@login_required
def thread_new(request):
    board = Board.objects.filter(slug=request.GET.get("board", "")).first()
    form = forms.ThreadForm(posted(request), initial={"board": board})
    thread = submit(
        request,
        form,
        lambda data: services.thread_create(actor=request.user, **data),
        success="Your thread is posted.",
    )
    if thread is not REFUSED:
        return redirect(thread.get_absolute_url())
    return render_form_page(
        request,
        form,
        title="Start a thread",
        submit="Post thread",
        back=("the boards", reverse("communications:board_list")),
    )


def _thread_page(request, thread, reply_form=None, status=None):
    moderator = access.is_moderator(request.user)
    posts = [
        presenters.post_item(p, thread=thread, user=request.user, moderator=moderator)
        for p in selectors.thread_posts(thread, request.user)
    ]
    return render(
        request,
        "communications/thread_detail.html",
        {
            "thread": thread,
            "posts": posts,
            "reply_form": reply_form or forms.ReplyForm(),
            "follows": thread.follows.filter(user=request.user).exists(),
            "is_moderator": moderator,
        },
        status=status,
    )


def _thread(request, public_id):
    return access.get_or_404(access.threads(request.user).select_related("board"), public_id)


@login_required
def thread_detail(request, public_id):
    thread = _thread(request, public_id)
    form = forms.ReplyForm(posted(request))
    reply = submit(
        request,
        form,
        lambda data: services.reply_create(actor=request.user, thread=thread, **data),
        success="Your reply is posted.",
    )
    if reply is not REFUSED:
        return redirect(thread.get_absolute_url())
    return _thread_page(request, thread, form)


@login_required
def thread_follow(request, public_id):
    thread = _thread(request, public_id)
    if request.method == "POST":
        follow = request.POST.get("follow") == "yes"
        services.thread_follow(actor=request.user, thread=thread, follow=follow)
        return redirect(thread.get_absolute_url())
    return _thread_page(request, thread)


def _post(request, public_id):
    return access.get_or_404(access.posts(request.user).select_related("thread__board"), public_id)


def _post_button(request, public_id, call, success: str):
    """A thread's button for one post: the service's refusal is an error above the reply form."""
    post = _post(request, public_id)
    form = forms.ConfirmForm(posted(request))
    if submit(request, form, lambda data: call(post), success=success) is not REFUSED:
        return redirect(post.thread.get_absolute_url())
    reply_form = forms.ReplyForm()
    for error in form.non_field_errors():
        reply_form.add_error(None, error)
    return _thread_page(request, post.thread, reply_form)


@login_required
def post_endorse(request, public_id):
    return _post_button(
        request,
        public_id,
        lambda post: services.post_endorse(actor=request.user, post=post),
        "Thank you: your endorsement is recorded.",
    )


@login_required
def post_accept(request, public_id):
    return _post_button(
        request,
        public_id,
        lambda post: services.answer_accept(actor=request.user, post=post),
        "The reply is marked as the accepted answer.",
    )


@login_required
def post_report(request, public_id):
    post = _post(request, public_id)
    form = forms.ReasonForm(posted(request))
    if (
        submit(
            request,
            form,
            lambda data: services.post_report(actor=request.user, post=post, **data),
            success="Thank you: a moderator will look at the post.",
        )
        is not REFUSED
    ):
        return redirect(post.thread.get_absolute_url())
    return render_form_page(
        request,
        form,
        title="Report a post",
        submit="Report post",
        back=("the thread", post.thread.get_absolute_url()),
        intro="Tell the moderators what is wrong with it.",
    )


@login_required
def post_moderate(request, public_id):
    post = access.get_or_404(access.moderation_posts(request.user).select_related("thread"), public_id)
    hide = post.hidden_at is None
    form = forms.ReasonForm(posted(request))
    if (
        submit(
            request,
            form,
            lambda data: services.post_moderate(actor=request.user, post=post, hide=hide, **data),
            success="The post is hidden." if hide else "The post is restored.",
        )
        is not REFUSED
    ):
        return redirect(post.thread.get_absolute_url())
    return render_form_page(
        request,
        form,
        title="Hide a post" if hide else "Restore a post",
        submit="Hide post" if hide else "Restore post",
        back=("the thread", post.thread.get_absolute_url()),
        intro="The reason is kept in the moderation audit trail.",
    )


@login_required
def moderation_queue(request):
    if not access.is_moderator(request.user):
        raise Http404
    reports = (
        access.open_reports(request.user).select_related("post__thread", "reporter").order_by("created_at")
    )
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    steps = presenters.recent_moderation()
    return render(request, "communications/moderation_queue.html", {"page": page, "steps": steps})
