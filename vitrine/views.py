from django.shortcuts import render


def home(request):
    return render(request, "home.html")


def about_data(request):
    return render(request, "about_data.html")
